package dev.polygate.edge.websocket;

import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http2.Http2Error;
import io.netty.handler.codec.http2.Http2Exception;
import io.netty.handler.codec.http2.Http2Headers;
import io.netty.handler.codec.http2.Http2HeadersFrame;
import io.netty.util.AttributeKey;
import io.netty.util.ReferenceCountUtil;

/**
 * In an HTTP/2 stream's pipeline, before the conversion to HTTP/1.x objects (which drops {@code :protocol} and takes
 * a CONNECT's {@code :authority} for its target): reads an extended CONNECT (RFC 8441) and keeps its
 * {@code :protocol} and {@code :path} on the stream channel. A {@code :protocol} the connection never allowed (the
 * setting was not advertised) or on another method than CONNECT is a malformed request, reset PROTOCOL_ERROR.
 * Leaves the pipeline after the request's headers.
 */
@ChannelHandler.Sharable
public final class ExtendedConnectReader extends ChannelInboundHandlerAdapter {
    public static final ExtendedConnectReader ADVERTISED = new ExtendedConnectReader(true);
    public static final ExtendedConnectReader NOT_ADVERTISED = new ExtendedConnectReader(false);

    private static final AttributeKey<ExtendedConnect> KEY = AttributeKey.valueOf("polygate.extendedConnect");
    private static final CharSequence PROTOCOL = Http2Headers.PseudoHeaderName.PROTOCOL.value();

    /** What an extended CONNECT asked for. */
    record ExtendedConnect(String protocol, String path) {
    }

    private final boolean advertised;

    private ExtendedConnectReader(boolean advertised) {
        this.advertised = advertised;
    }

    /** The extended CONNECT of this stream channel, or null. */
    static ExtendedConnect of(Channel stream) {
        return stream.hasAttr(KEY) ? stream.attr(KEY).get() : null;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (msg instanceof Http2HeadersFrame frame) {
            ctx.pipeline().remove(this);
            Http2Headers headers = frame.headers();
            CharSequence protocol = headers.get(PROTOCOL);
            if (protocol != null) {
                String refusal = !advertised ? ":protocol before SETTINGS_ENABLE_CONNECT_PROTOCOL was sent"
                        : !HttpMethod.CONNECT.asciiName().contentEquals(headers.method()) ? ":protocol on a " + headers.method()
                        : null;
                if (refusal != null) {
                    ReferenceCountUtil.release(msg);
                    ctx.fireExceptionCaught(Http2Exception.streamError(frame.stream().id(), Http2Error.PROTOCOL_ERROR,
                            "%s", refusal));
                    return;
                }
                ctx.channel().attr(KEY).set(new ExtendedConnect(protocol.toString(), headers.path().toString()));
                headers.remove(PROTOCOL);
            }
        }
        ctx.fireChannelRead(msg);
    }
}

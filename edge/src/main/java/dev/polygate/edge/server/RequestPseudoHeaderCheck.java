package dev.polygate.edge.server;

import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http2.Http2Error;
import io.netty.handler.codec.http2.Http2Exception;
import io.netty.handler.codec.http2.Http2Headers;
import io.netty.handler.codec.http2.Http2HeadersFrame;
import io.netty.util.ReferenceCountUtil;

/**
 * First in an HTTP/2 stream's pipeline: a request without the pseudo-header fields RFC 9113 (section 8.3.1)
 * requires is a malformed request, and its stream is reset PROTOCOL_ERROR before anything reads it. Duplicates are
 * refused earlier, by the header decoder. The check leaves the pipeline after the request's headers.
 */
@ChannelHandler.Sharable
final class RequestPseudoHeaderCheck extends ChannelInboundHandlerAdapter {
    static final RequestPseudoHeaderCheck INSTANCE = new RequestPseudoHeaderCheck();

    private RequestPseudoHeaderCheck() {
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (msg instanceof Http2HeadersFrame frame) {
            ctx.pipeline().remove(this);
            String missing = missing(frame.headers());
            if (missing != null) {
                ReferenceCountUtil.release(msg);
                ctx.fireExceptionCaught(Http2Exception.streamError(frame.stream().id(), Http2Error.PROTOCOL_ERROR,
                        "a request without %s", missing));
                return;
            }
        }
        ctx.fireChannelRead(msg);
    }

    // :method, :scheme and :path, except for CONNECT, which names an :authority and neither of the other two
    // (unless it is an extended CONNECT with :protocol, RFC 8441).
    private static String missing(Http2Headers headers) {
        CharSequence method = headers.method();
        if (method == null) {
            return ":method";
        }
        if (HttpMethod.CONNECT.asciiName().contentEquals(method)
                && !headers.contains(Http2Headers.PseudoHeaderName.PROTOCOL.value())) {
            return headers.authority() == null || headers.scheme() != null || headers.path() != null
                    ? ":authority alone" : null;
        }
        if (headers.scheme() == null) {
            return ":scheme";
        }
        return headers.path() == null ? ":path" : null;
    }
}

package dev.polygate.translators.websocket;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http2.Http2Headers;
import io.netty.handler.codec.http2.Http2HeadersFrame;
import io.netty.util.ReferenceCountUtil;
import io.netty.util.concurrent.Promise;
import java.util.Arrays;
import java.util.Map;

/**
 * The backend side of an RFC 8441 handshake, on the stream: the extended CONNECT has been sent; success is
 * {@code :status 200} with, when the client offered subprotocols, one of them. There is no key to check: the
 * stream itself is the proof that the server understood (RFC 8441 section 5).
 */
final class ExtendedConnectHandshake extends ChannelInboundHandlerAdapter {
    private final String offeredSubprotocols;
    private final Promise<BackendHandshake.Accepted> result;

    ExtendedConnectHandshake(String offeredSubprotocols, Promise<BackendHandshake.Accepted> result) {
        this.offeredSubprotocols = offeredSubprotocols;
        this.result = result;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (result.isDone() || !(msg instanceof Http2HeadersFrame frame)) {
            ReferenceCountUtil.release(msg);
            return;
        }
        Http2Headers headers = frame.headers();
        CharSequence status = headers.status();
        if (status == null || !"200".contentEquals(status)) {
            int code = status == null ? 0 : parseStatus(status);
            result.tryFailure(new BackendHandshake.Refused(code, "the backend answered the extended CONNECT with "
                    + (status == null ? "no :status" : "status " + status)));
            ctx.close();
            return;
        }
        CharSequence chosen = headers.get("sec-websocket-protocol");
        String subprotocol = chosen == null || chosen.length() == 0 ? null : chosen.toString().trim();
        if (subprotocol != null && (offeredSubprotocols == null || Arrays.stream(offeredSubprotocols.split(","))
                .map(String::trim).noneMatch(subprotocol::equals))) {
            result.tryFailure(new BackendHandshake.Refused(200, "the backend chose subprotocol '" + subprotocol
                    + "', which was not offered"));
            ctx.close();
            return;
        }
        HttpHeaders answer = new DefaultHttpHeaders();
        for (Map.Entry<CharSequence, CharSequence> header : headers) {
            if (!Http2Headers.PseudoHeaderName.hasPseudoHeaderFormat(header.getKey())) {
                answer.add(header.getKey(), header.getValue());
            }
        }
        result.trySuccess(new BackendHandshake.Accepted(ctx.channel(), subprotocol, answer));
    }

    private static int parseStatus(CharSequence status) {
        try {
            return Integer.parseInt(status.toString());
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        result.tryFailure(new BackendHandshake.Refused(0, "the backend closed the stream during the handshake"));
        super.channelInactive(ctx);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        result.tryFailure(cause);
        ctx.close();
    }
}

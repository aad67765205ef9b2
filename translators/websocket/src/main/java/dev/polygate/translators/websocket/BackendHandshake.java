package dev.polygate.translators.websocket;

import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.websocketx.WebSocketClientHandshakeException;
import io.netty.handler.codec.http.websocketx.WebSocketClientHandshaker13;
import io.netty.handler.codec.http.websocketx.WebSocketVersion;
import io.netty.util.concurrent.Promise;
import java.net.URI;

/**
 * The backend side of the handshake, on the backend channel: sends the upgrade request (Netty's RFC 6455 client
 * handshaker: key, version, the client's subprotocols) and checks the answer (101, {@code Sec-WebSocket-Accept},
 * a subprotocol among those offered). On success the channel carries frames and the promise gets the answer.
 */
final class BackendHandshake extends SimpleChannelInboundHandler<FullHttpResponse> {
    /** The answer of a backend that refused the upgrade. */
    static final class Refused extends Exception {
        private static final long serialVersionUID = 1L;
        final int status;

        Refused(int status, String message) {
            super(message, null, false, false);
            this.status = status;
        }
    }

    private final Client handshaker;
    private final Promise<Accepted> result;

    /** What the backend agreed to: its subprotocol (or null) and the headers of its 101. */
    record Accepted(Channel channel, String subprotocol, HttpHeaders headers) {
    }

    BackendHandshake(URI uri, String subprotocols, HttpHeaders headers, boolean sendOrigin, int maxFrameSize,
                     Promise<Accepted> result) {
        this.handshaker = new Client(uri, subprotocols, headers, maxFrameSize, sendOrigin);
        this.result = result;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) throws Exception {
        handshaker.handshake(ctx.channel()).addListener(f -> {
            if (!f.isSuccess()) {
                result.tryFailure(f.cause());
            }
        });
        super.channelActive(ctx);
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, FullHttpResponse response) {
        if (result.isDone()) {
            return;
        }
        try {
            handshaker.finishHandshake(ctx.channel(), response);
        } catch (WebSocketClientHandshakeException e) {
            result.tryFailure(new Refused(response.status().code(), e.getMessage()));
            ctx.close();
            return;
        }
        String subprotocol = handshaker.actualSubprotocol();
        result.trySuccess(new Accepted(ctx.channel(), subprotocol == null || subprotocol.isEmpty() ? null : subprotocol,
                response.headers().copy()));
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        result.tryFailure(new Refused(0, "the backend closed the connection during the handshake"));
        super.channelInactive(ctx);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        result.tryFailure(cause);
        ctx.close();
    }

    /** Netty's handshaker, without the {@code Origin} it would make up for a client that sent none. */
    private static final class Client extends WebSocketClientHandshaker13 {
        private final boolean sendOrigin;

        Client(URI uri, String subprotocols, HttpHeaders headers, int maxFrameSize, boolean sendOrigin) {
            super(uri, WebSocketVersion.V13, subprotocols, false, headers, maxFrameSize, true, false, -1);
            this.sendOrigin = sendOrigin;
        }

        @Override
        protected FullHttpRequest newHandshakeRequest() {
            FullHttpRequest request = super.newHandshakeRequest();
            if (!sendOrigin) {
                request.headers().remove(io.netty.handler.codec.http.HttpHeaderNames.ORIGIN);
            }
            return request;
        }
    }
}

package dev.polygate.translators.websocket;

import dev.polygate.spi.websocket.WebSocketCloseCodes;
import dev.polygate.spi.websocket.WebSocketFrame;
import dev.polygate.spi.websocket.WebSocketHandler;
import dev.polygate.spi.websocket.WebSocketSession;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.CorruptedWebSocketFrameException;
import io.netty.util.ReferenceCountUtil;
import java.util.ArrayDeque;
import java.util.concurrent.TimeUnit;

/**
 * One session's relay, on the client's event loop: the last handler of the backend channel (frames from the
 * backend go to the client) and the handler of the client's session (frames from the client go to the backend).
 * Frames pass one by one with their FIN bits; pings and pongs pass too, so each peer answers the other's pings.
 * When one side cannot take more, reading from the other stops. Close codes and reasons travel both ways; the
 * close handshake completes on each side. The backend dying mid-session closes the client with 1011 (1001 after
 * an HTTP/2 backend's graceful GOAWAY), invalid frames from it with 1014; the client leaving closes the backend with
 * 1001.
 */
final class SessionRelay extends ChannelInboundHandlerAdapter implements WebSocketHandler {
    private static final long CLOSE_GRACE_MILLIS = 5_000;

    private final Channel backend;
    private final ArrayDeque<Object> early = new ArrayDeque<>(2);
    private final Runnable flushTask = this::flushNow;
    private WebSocketSession client;
    private boolean flushScheduled;
    private boolean closeToBackend;
    private boolean closeFromBackend;
    /** The client sent Close: the backend's answer to it is forwarded, data no more. */
    private boolean clientClosed;
    /** The client's session ended without a close handshake: nothing goes to it any more. */
    private boolean clientGone;

    SessionRelay(Channel backend) {
        this.backend = backend;
    }

    /** The client's session is open: frames flow both ways from now on. */
    WebSocketHandler attach(WebSocketSession session) {
        this.client = session;
        session.onWritabilityChanged(this::clientWritabilityChanged);
        Object msg;
        while ((msg = early.poll()) != null) {
            fromBackend(msg);
        }
        backend.config().setAutoRead(session.isWritable());
        return this;
    }

    /** The client left before its session began. */
    void abandon() {
        releaseEarly();
        backend.close();
    }

    // ---- client -> backend ----

    @Override
    public void onFrame(WebSocketFrame frame) {
        if (closeToBackend || !backend.isActive()) {
            frame.release();
            return;
        }
        backend.write(Frames.toNetty(frame));
        if (!flushScheduled) {
            flushScheduled = true;
            backend.eventLoop().execute(flushTask);
        }
        if (!backend.isWritable()) {
            client.pause();
        }
    }

    @Override
    public void onClose(int code, String reason) {
        clientClosed = true;
        if (closeFromBackend) {
            // The backend closed first and the client has answered: answer the backend, and that is the end.
            Http2StreamBytes.handshakeDone(backend);
            sendCloseToBackend(code, reason).addListener(sent -> Http2StreamBytes.closeAfterHandshake(backend));
            return;
        }
        if (!backend.isActive()) {
            client.close(code, reason);
            return;
        }
        sendCloseToBackend(code, reason);
        // The backend's answer becomes the client's; a backend that never answers is closed for it.
        backend.eventLoop().schedule(() -> {
            if (backend.isActive()) {
                client.close(code, reason);
                backend.close();
            }
        }, CLOSE_GRACE_MILLIS, TimeUnit.MILLISECONDS);
    }

    @Override
    public void onError(int code, String reason) {
        clientGone = true;
        releaseEarly();
        if (!closeToBackend && backend.isActive()) {
            sendCloseToBackend(WebSocketCloseCodes.GOING_AWAY, "client session ended").addListener(ChannelFutureListener.CLOSE);
        } else {
            backend.close();
        }
    }

    private io.netty.channel.ChannelFuture sendCloseToBackend(int code, String reason) {
        closeToBackend = true;
        return backend.writeAndFlush(Frames.close(code, reason));
    }

    // ---- backend -> client ----

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (client == null && !clientGone) {
            early.add(msg);
            return;
        }
        fromBackend(msg);
    }

    private void fromBackend(Object msg) {
        if (!(msg instanceof io.netty.handler.codec.http.websocketx.WebSocketFrame frame)) {
            ReferenceCountUtil.release(msg);
            return;
        }
        if (frame instanceof CloseWebSocketFrame close) {
            closeFromBackend = true;
            int code = Frames.codeOf(close);
            String reason = Frames.reasonOf(close);
            close.release();
            if (clientGone) {
                backend.close();
                return;
            }
            if (closeToBackend) {
                // both close frames have passed; marked before the client's side, which may close at once
                Http2StreamBytes.handshakeDone(backend);
            }
            client.close(code, reason); // completes the client's close handshake when it closed first
            if (closeToBackend) {
                backend.close();
            }
            return;
        }
        if (clientClosed || clientGone) {
            frame.release();
            return;
        }
        client.send(Frames.fromNetty(frame));
        if (!client.isWritable()) {
            backend.config().setAutoRead(false);
        }
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) {
        if (client != null && !clientGone) {
            if (backend.isWritable()) {
                client.resume();
            } else {
                client.pause();
            }
        }
        ctx.fireChannelWritabilityChanged();
    }

    private void clientWritabilityChanged() {
        if (backend.isActive() && !clientGone) {
            backend.config().setAutoRead(client.isWritable());
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        releaseEarly();
        if (client != null && !clientGone && !closeFromBackend) {
            client.close(BackendLoss.code(backend), BackendLoss.reason(backend));
        }
        ctx.fireChannelInactive();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        if (cause instanceof CorruptedWebSocketFrameException && client != null && !clientGone) {
            // Netty's decoder has closed the backend with its reason; the client learns the gateway got bad frames.
            closeFromBackend = true;
            client.close(WebSocketCloseCodes.BAD_GATEWAY, "invalid frames from the backend");
        }
        ctx.close();
    }

    private void flushNow() {
        flushScheduled = false;
        backend.flush();
    }

    private void releaseEarly() {
        Object msg;
        while ((msg = early.poll()) != null) {
            ReferenceCountUtil.release(msg);
        }
    }
}

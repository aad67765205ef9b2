package dev.polygate.translators.websocket;

import dev.polygate.spi.ResponseHead;
import dev.polygate.spi.ResponseSink;
import dev.polygate.spi.websocket.WebSocketCloseCodes;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.CompositeByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.EmptyHttpHeaders;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.ContinuationWebSocketFrame;
import io.netty.handler.codec.http.websocketx.CorruptedWebSocketFrameException;
import io.netty.handler.codec.http.websocketx.PingWebSocketFrame;
import io.netty.handler.codec.http.websocketx.PongWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import io.netty.util.ReferenceCountUtil;
import io.netty.util.concurrent.EventExecutor;
import io.netty.util.concurrent.ScheduledFuture;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * One backend WebSocket followed by a client as Server-Sent Events, on the client's event loop: the last handler of
 * the backend channel. Each backend message (its fragments joined, up to the route's limit) becomes one event; while
 * the client's stream cannot take more, the backend is not read. Messages the client posts are sent to the backend
 * as they come. The backend's Close becomes a {@code close} event ending the stream, and so does the backend
 * failing (1011 lost, 1014 bad frames, 1009 a message too big); the client leaving closes the backend with 1001.
 */
final class EventStreamSession extends ChannelInboundHandlerAdapter {
    /** What became of a posted message. */
    enum Delivery { WRITTEN, GONE, BUSY }

    private final Channel backend;
    private final ResponseSink client;
    private final EventStreamConfig config;
    private final EventStreamSessions registry;
    private String id;
    /** The fragments of the backend message being received, or null between messages. */
    private ByteBuf message;
    private boolean messageBinary;
    private boolean ended;
    private boolean closeSent;
    private long lastWrite;
    private long lastActivity;
    private ScheduledFuture<?> keepAlive;
    private ScheduledFuture<?> idle;

    EventStreamSession(Channel backend, ResponseSink client, EventStreamConfig config, EventStreamSessions registry) {
        this.backend = backend;
        this.client = client;
        this.config = config;
        this.registry = registry;
    }

    /** Answers the client's GET, tells it the session's id, and starts reading the backend. */
    void start() {
        id = registry.register(this);
        HttpHeaders headers = new DefaultHttpHeaders()
                .set(HttpHeaderNames.CONTENT_TYPE, "text/event-stream")
                .set(HttpHeaderNames.CACHE_CONTROL, "no-cache")
                .set("x-accel-buffering", "no"); // a proxy in front must not hold events back
        client.sendHead(new ResponseHead(200, headers));
        lastActivity = System.nanoTime();
        send(ServerSentEvents.event(backend.alloc(), ServerSentEvents.SESSION, id));
        client.onWritabilityChanged(this::clientWritabilityChanged);
        long keepAliveNanos = config.keepAlive().toNanos();
        if (keepAliveNanos > 0) {
            keepAlive = backend.eventLoop().scheduleAtFixedRate(this::keepAlive, keepAliveNanos, keepAliveNanos,
                    TimeUnit.NANOSECONDS);
        }
        if (!config.idleTimeout().isZero()) {
            scheduleIdleCheck(config.idleTimeout().toNanos());
        }
        backend.config().setAutoRead(client.isWritable());
    }

    String id() {
        return id;
    }

    EventExecutor executor() {
        return backend.eventLoop();
    }

    /**
     * Sends a message the client posted to the backend, on {@link #executor()}; {@code outcome} learns once it was
     * written, or why not. A backend that cannot take more right now is refused rather than queued for.
     */
    void deliver(boolean binary, ByteBuf payload, Consumer<Delivery> outcome) {
        if (ended || closeSent || !backend.isActive()) {
            payload.release();
            outcome.accept(Delivery.GONE);
            return;
        }
        if (!backend.isWritable()) {
            payload.release();
            outcome.accept(Delivery.BUSY);
            return;
        }
        lastActivity = System.nanoTime();
        WebSocketFrame frame = binary ? new BinaryWebSocketFrame(payload) : new TextWebSocketFrame(payload);
        backend.writeAndFlush(frame).addListener(f -> outcome.accept(f.isSuccess() ? Delivery.WRITTEN : Delivery.GONE));
    }

    /** The client's stream went away: the backend is told the client is going away. */
    void clientGone() {
        if (ended) {
            return;
        }
        release();
        closeBackend(WebSocketCloseCodes.GOING_AWAY, "client went away");
    }

    // ---- backend -> client ----

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (ended || !(msg instanceof WebSocketFrame frame)) {
            ReferenceCountUtil.release(msg);
            return;
        }
        if (frame instanceof PingWebSocketFrame) {
            backend.writeAndFlush(new PongWebSocketFrame(frame.content()));
        } else if (frame instanceof PongWebSocketFrame) {
            frame.release();
        } else if (frame instanceof CloseWebSocketFrame close) {
            int code = Frames.codeOf(close);
            String reason = Frames.reasonOf(close);
            close.release();
            closeBackend(code, reason); // answers the backend's Close
            end(code, reason);
        } else {
            collect(frame);
        }
    }

    private void collect(WebSocketFrame frame) {
        if (!(frame instanceof ContinuationWebSocketFrame)) {
            messageBinary = frame instanceof BinaryWebSocketFrame;
            message = frame.content();
        } else if (message != null) {
            CompositeByteBuf joined = message instanceof CompositeByteBuf composite ? composite
                    : backend.alloc().compositeBuffer().addComponent(true, message);
            message = joined.addComponent(true, frame.content());
        } else {
            frame.release();
            return;
        }
        if (message.readableBytes() > config.maxMessageSize()) {
            String reason = "a message exceeds " + config.maxMessageSize() + " bytes";
            closeBackend(WebSocketCloseCodes.MESSAGE_TOO_BIG, reason);
            end(WebSocketCloseCodes.MESSAGE_TOO_BIG, reason);
            return;
        }
        if (frame.isFinalFragment()) {
            ByteBuf complete = message;
            message = null;
            try {
                emit(complete);
            } finally {
                complete.release();
            }
        }
    }

    private void emit(ByteBuf payload) {
        lastActivity = System.nanoTime();
        if (messageBinary) {
            send(ServerSentEvents.binary(backend.alloc(), payload));
            return;
        }
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder().decode(payload.nioBuffer()).toString();
        } catch (CharacterCodingException e) {
            closeBackend(WebSocketCloseCodes.INVALID_PAYLOAD, "invalid UTF-8 in a text message");
            end(WebSocketCloseCodes.BAD_GATEWAY, "invalid frames from the backend");
            return;
        }
        send(ServerSentEvents.event(backend.alloc(), null, text));
    }

    private void send(ByteBuf event) {
        lastWrite = System.nanoTime();
        client.sendData(event);
        if (!client.isWritable()) {
            backend.config().setAutoRead(false);
        }
    }

    private void clientWritabilityChanged() {
        if (!ended && backend.isActive()) {
            backend.config().setAutoRead(client.isWritable());
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        end(BackendLoss.code(backend), BackendLoss.reason(backend));
        ctx.fireChannelInactive();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        if (cause instanceof CorruptedWebSocketFrameException) {
            end(WebSocketCloseCodes.BAD_GATEWAY, "invalid frames from the backend");
        } else {
            end(WebSocketCloseCodes.INTERNAL_ERROR, "the backend connection failed");
        }
        ctx.close();
    }

    // ---- timers ----

    private void keepAlive() {
        if (!ended && client.isWritable() && System.nanoTime() - lastWrite >= config.keepAlive().toNanos()) {
            send(ServerSentEvents.keepAlive(backend.alloc()));
        }
    }

    private void scheduleIdleCheck(long delayNanos) {
        idle = backend.eventLoop().schedule(() -> {
            long quiet = System.nanoTime() - lastActivity;
            long limit = config.idleTimeout().toNanos();
            if (ended) {
                return;
            }
            if (quiet >= limit) {
                String reason = "no message for " + config.idleTimeout().toMillis() + " ms";
                closeBackend(WebSocketCloseCodes.GOING_AWAY, reason);
                end(WebSocketCloseCodes.GOING_AWAY, reason);
            } else {
                scheduleIdleCheck(limit - quiet);
            }
        }, delayNanos, TimeUnit.NANOSECONDS);
    }

    // ---- the end ----

    /** The last event, then the end of the client's stream. */
    private void end(int code, String reason) {
        if (ended) {
            return;
        }
        release();
        client.sendData(ServerSentEvents.close(backend.alloc(), code, reason));
        client.sendEnd(EmptyHttpHeaders.INSTANCE);
    }

    private void release() {
        ended = true;
        if (id != null) {
            registry.remove(id, this);
        }
        if (keepAlive != null) {
            keepAlive.cancel(false);
        }
        if (idle != null) {
            idle.cancel(false);
        }
        if (message != null) {
            message.release();
            message = null;
        }
    }

    private void closeBackend(int code, String reason) {
        if (!closeSent && backend.isActive()) {
            closeSent = true;
            backend.writeAndFlush(Frames.close(code, reason)).addListener(ChannelFutureListener.CLOSE);
        } else {
            backend.close();
        }
    }
}

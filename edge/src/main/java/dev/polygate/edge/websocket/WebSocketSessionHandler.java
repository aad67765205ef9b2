package dev.polygate.edge.websocket;

import dev.polygate.edge.config.WebSocketConfig;
import dev.polygate.spi.websocket.WebSocketCloseCodes;
import dev.polygate.spi.websocket.WebSocketFrame;
import dev.polygate.spi.websocket.WebSocketFrameType;
import dev.polygate.spi.websocket.WebSocketHandler;
import dev.polygate.spi.websocket.WebSocketSession;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.CodecException;
import io.netty.handler.codec.DecoderException;
import io.netty.handler.codec.compression.DecompressionException;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.ContinuationWebSocketFrame;
import io.netty.handler.codec.http.websocketx.CorruptedWebSocketFrameException;
import io.netty.handler.codec.http.websocketx.PingWebSocketFrame;
import io.netty.handler.codec.http.websocketx.PongWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http2.DefaultHttp2DataFrame;
import io.netty.util.ReferenceCountUtil;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.concurrent.TimeUnit;

/**
 * The gateway's end of a WebSocket session with a client, last in the connection's (or HTTP/2 stream's) pipeline:
 * hands the client's frames to the translator's handler and sends the translator's frames, runs the close
 * handshake, counts message sizes (1009), and keeps idle sessions in check (pings, 1001). The session ends when the
 * channel closes; the exchange then ends too, which writes its access-log line.
 */
public final class WebSocketSessionHandler extends ChannelInboundHandlerAdapter implements WebSocketSession {
    private static final byte[] KEEPALIVE = "polygate".getBytes(StandardCharsets.US_ASCII);
    /** How long one side waits for the other's Close before dropping the connection. */
    private static final long CLOSE_GRACE_MILLIS = 5_000;

    private final Channel channel;
    private final boolean http2;
    private final WebSocketConfig config;
    private final WebSocketStats stats;
    private final String subprotocol;
    private final Runnable onEnd;
    private final Runnable flushTask = this::flushNow;
    private final ArrayDeque<Object> early = new ArrayDeque<>(2);
    private WebSocketHandler handler;
    private Runnable writabilityListener;
    private boolean flushScheduled;
    private boolean closeSent;
    private boolean closeReceived;
    private boolean handlerDone;
    private boolean ended;
    private long messageBytes;
    private long lastActivity = System.nanoTime();
    private long lastPing;
    private io.netty.util.concurrent.ScheduledFuture<?> timer;

    WebSocketSessionHandler(Channel channel, boolean http2, WebSocketConfig config, WebSocketStats stats,
                            String subprotocol, Runnable onEnd) {
        this.channel = channel;
        this.http2 = http2;
        this.config = config;
        this.stats = stats;
        this.subprotocol = subprotocol;
        this.onEnd = onEnd;
    }

    /** Starts delivering the client's frames to {@code handler}, those that came early first. */
    void start(WebSocketHandler sessionHandler) {
        this.handler = sessionHandler;
        scheduleTimer();
        Object msg;
        while ((msg = early.poll()) != null) {
            if (!ended) {
                read(msg);
            } else {
                ReferenceCountUtil.release(msg);
            }
        }
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (handler == null && !ended) {
            early.add(msg);
            return;
        }
        read(msg);
    }

    private void read(Object msg) {
        if (ended || !(msg instanceof io.netty.handler.codec.http.websocketx.WebSocketFrame frame)) {
            ReferenceCountUtil.release(msg);
            return;
        }
        lastActivity = System.nanoTime();
        stats.received(frame.content().readableBytes());
        if (frame.rsv() != 0) {
            frame.release();
            fail(WebSocketCloseCodes.PROTOCOL_ERROR, "reserved bits set");
            return;
        }
        if (frame instanceof CloseWebSocketFrame close) {
            int code = close.statusCode() < 0 ? WebSocketCloseCodes.NO_STATUS : close.statusCode();
            String reason = close.statusCode() < 0 ? "" : close.reasonText();
            close.release();
            closeReceived(code, reason);
            return;
        }
        if (closeReceived || handlerDone) {
            frame.release(); // nothing counts after the client's Close
            return;
        }
        WebSocketFrameType type = typeOf(frame);
        if (type == WebSocketFrameType.PONG && ByteBufUtil.equals(frame.content(), Unpooled.wrappedBuffer(KEEPALIVE))) {
            frame.release(); // the answer to the gateway's own keep-alive ping
            return;
        }
        if (!type.isControl()) {
            messageBytes = type == WebSocketFrameType.CONTINUATION ? messageBytes + frame.content().readableBytes()
                    : frame.content().readableBytes();
            if (messageBytes > config.maxMessageSize()) {
                frame.release();
                fail(WebSocketCloseCodes.MESSAGE_TOO_BIG, "message exceeds " + config.maxMessageSize() + " bytes");
                return;
            }
        }
        handler.onFrame(new WebSocketFrame(type, frame.isFinalFragment(), frame.content()));
    }

    private void closeReceived(int code, String reason) {
        if (closeReceived) {
            return;
        }
        closeReceived = true;
        stats.closeCode(code);
        if (closeSent) {
            notifyClose(code, reason);
            finish();
            return;
        }
        notifyClose(code, reason);
        if (!closeSent) {
            // The translator answers with close(); if it does not, the gateway answers with the client's code.
            channel.eventLoop().schedule(() -> close(code, reason), CLOSE_GRACE_MILLIS, TimeUnit.MILLISECONDS);
        }
    }

    @Override
    public void send(WebSocketFrame frame) {
        if (closeSent || ended) {
            frame.release();
            return;
        }
        ByteBuf payload = frame.payload();
        stats.sent(payload.readableBytes());
        lastActivity = System.nanoTime();
        channel.write(switch (frame.type()) {
            case TEXT -> new TextWebSocketFrame(frame.fin(), 0, payload);
            case BINARY -> new BinaryWebSocketFrame(frame.fin(), 0, payload);
            case CONTINUATION -> new ContinuationWebSocketFrame(frame.fin(), 0, payload);
            case PING -> new PingWebSocketFrame(payload);
            case PONG -> new PongWebSocketFrame(payload);
        });
        scheduleFlush();
    }

    @Override
    public void close(int code, String reason) {
        if (closeSent || ended) {
            return;
        }
        closeSent = true;
        CloseWebSocketFrame close;
        if (code == WebSocketCloseCodes.NO_STATUS) {
            close = new CloseWebSocketFrame(true, 0, Unpooled.EMPTY_BUFFER);
        } else {
            int sendable = WebSocketCloseCodes.isSendable(code) ? code : WebSocketCloseCodes.NORMAL;
            close = new CloseWebSocketFrame(sendable, CloseReasons.truncate(reason));
        }
        stats.closeCode(code);
        stats.sent(close.content().readableBytes());
        channel.writeAndFlush(close);
        if (closeReceived) {
            finish();
        } else {
            channel.eventLoop().schedule(() -> {
                if (!ended) {
                    channel.close();
                }
            }, CLOSE_GRACE_MILLIS, TimeUnit.MILLISECONDS);
        }
    }

    /** Graceful shutdown: tell the client and the translator that the gateway is going away. */
    public void goingAway() {
        channel.eventLoop().execute(() -> {
            notifyError(WebSocketCloseCodes.GOING_AWAY, "the gateway is shutting down");
            close(WebSocketCloseCodes.GOING_AWAY, "the gateway is shutting down");
        });
    }

    /** Fails the session: the client is told why, the translator learns that it is over. */
    private void fail(int code, String reason) {
        notifyError(code, reason);
        if (!closeSent) {
            closeSent = true;
            stats.closeCode(code);
            CloseWebSocketFrame close = new CloseWebSocketFrame(code, CloseReasons.truncate(reason));
            stats.sent(close.content().readableBytes());
            channel.writeAndFlush(close).addListener(ChannelFutureListener.CLOSE);
        } else {
            channel.close();
        }
    }

    /** The close handshake is complete: the server ends the connection (RFC 6455 section 7.1.1), or the stream. */
    private void finish() {
        Object last = http2 ? new DefaultHttp2DataFrame(true) : Unpooled.EMPTY_BUFFER;
        channel.writeAndFlush(last).addListener(ChannelFutureListener.CLOSE);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        if (cause instanceof CorruptedWebSocketFrameException corrupt) {
            // The decoder or the UTF-8 check has sent the Close frame and closes the connection.
            closeSent = true;
            stats.closeCode(corrupt.closeStatus().code());
            stats.sent(2 + String.valueOf(corrupt.getMessage()).getBytes(StandardCharsets.UTF_8).length);
            notifyError(corrupt.closeStatus().code(), String.valueOf(corrupt.getMessage()));
        } else if (cause instanceof DecompressionException) {
            boolean tooBig = String.valueOf(cause.getMessage()).contains("maximum");
            fail(tooBig ? WebSocketCloseCodes.MESSAGE_TOO_BIG : WebSocketCloseCodes.INVALID_PAYLOAD,
                    tooBig ? "message exceeds " + config.maxMessageSize() + " bytes inflated" : "invalid compressed data");
        } else if (cause instanceof DecoderException && cause.getCause() instanceof CodecException) {
            // The permessage-deflate decoder's other refusals (a compressed frame that inflates to nothing), which
            // reach here wrapped: the only decoder between the frame decoder and the session.
            fail(WebSocketCloseCodes.INVALID_PAYLOAD, "invalid compressed data");
        } else {
            ctx.close();
        }
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
        if (evt == Http2StreamWebSocketBridge.END_OF_STREAM) {
            if (!closeReceived) {
                ctx.close(); // the client ended its stream without a Close
            }
            return;
        }
        ReferenceCountUtil.release(evt); // the connection's idle events: the session keeps its own time
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) {
        Runnable listener = writabilityListener;
        if (listener != null && !ended) {
            listener.run();
        }
        ctx.fireChannelWritabilityChanged();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        ended = true;
        if (timer != null) {
            timer.cancel(false);
        }
        Object msg;
        while ((msg = early.poll()) != null) {
            ReferenceCountUtil.release(msg);
        }
        notifyError(WebSocketCloseCodes.ABNORMAL, "the client's connection closed");
        stats.closeCode(WebSocketCloseCodes.ABNORMAL);
        onEnd.run();
        ctx.fireChannelInactive();
    }

    private void notifyClose(int code, String reason) {
        if (!handlerDone && handler != null) {
            handlerDone = true;
            handler.onClose(code, reason);
        }
    }

    private void notifyError(int code, String reason) {
        if (!handlerDone && handler != null) {
            handlerDone = true;
            handler.onError(code, reason);
        }
    }

    @Override
    public boolean isWritable() {
        return channel.isWritable();
    }

    @Override
    public void onWritabilityChanged(Runnable listener) {
        this.writabilityListener = listener;
    }

    @Override
    public void pause() {
        channel.config().setAutoRead(false);
    }

    @Override
    public void resume() {
        if (!ended) {
            channel.config().setAutoRead(true);
        }
    }

    @Override
    public boolean isOpen() {
        return !ended && !closeSent;
    }

    @Override
    public String subprotocol() {
        return subprotocol;
    }

    private void scheduleFlush() {
        if (!flushScheduled) {
            flushScheduled = true;
            channel.eventLoop().execute(flushTask);
        }
    }

    private void flushNow() {
        flushScheduled = false;
        channel.flush();
    }

    // ---- idle timeout and keep-alive pings ----

    private void scheduleTimer() {
        long idle = config.idleTimeout().toNanos();
        long ping = config.pingInterval().toNanos();
        if (idle == 0 && ping == 0 || ended) {
            return;
        }
        long now = System.nanoTime();
        long next = Long.MAX_VALUE;
        if (idle > 0) {
            next = Math.min(next, lastActivity + idle - now);
        }
        if (ping > 0) {
            next = Math.min(next, Math.max(lastActivity, lastPing) + ping - now);
        }
        timer = channel.eventLoop().schedule(this::tick, Math.max(next, 1_000_000), TimeUnit.NANOSECONDS);
    }

    private void tick() {
        if (ended || closeSent) {
            return;
        }
        long now = System.nanoTime();
        long idle = config.idleTimeout().toNanos();
        long ping = config.pingInterval().toNanos();
        if (idle > 0 && now - lastActivity >= idle) {
            notifyError(WebSocketCloseCodes.GOING_AWAY, "idle timeout");
            close(WebSocketCloseCodes.GOING_AWAY, "idle timeout");
            return;
        }
        if (ping > 0 && now - Math.max(lastActivity, lastPing) >= ping) {
            lastPing = now;
            stats.sent(KEEPALIVE.length);
            channel.writeAndFlush(new PingWebSocketFrame(Unpooled.wrappedBuffer(KEEPALIVE)));
        }
        scheduleTimer();
    }

    private static WebSocketFrameType typeOf(io.netty.handler.codec.http.websocketx.WebSocketFrame frame) {
        if (frame instanceof TextWebSocketFrame) {
            return WebSocketFrameType.TEXT;
        }
        if (frame instanceof BinaryWebSocketFrame) {
            return WebSocketFrameType.BINARY;
        }
        if (frame instanceof ContinuationWebSocketFrame) {
            return WebSocketFrameType.CONTINUATION;
        }
        return frame instanceof PingWebSocketFrame ? WebSocketFrameType.PING : WebSocketFrameType.PONG;
    }
}

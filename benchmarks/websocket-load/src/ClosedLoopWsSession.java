import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;

/**
 * One closed-loop WebSocket session: keeps {@code window} text messages in flight, sends the next one when a reply
 * arrives, and counts each reply (and its latency) that arrives while the phase measures. A reply must be a whole
 * text message that starts with {@code expected} (for an echo, the message itself).
 */
final class ClosedLoopWsSession extends SimpleChannelInboundHandler<WebSocketFrame> {
    private final ByteBuf message;
    private final ByteBuf expected;
    private final boolean exact;
    private final Window window;
    private final Phase phase;
    private final Tally tally;

    /** @param message and {@code expected}: unreleasable buffers shared by all sessions, only ever duplicated */
    ClosedLoopWsSession(ByteBuf message, ByteBuf expected, boolean exact, int window, Phase phase, Tally tally) {
        this.message = message;
        this.expected = expected;
        this.exact = exact;
        this.window = new Window(window);
        this.phase = phase;
        this.tally = tally;
    }

    /** Fills the window, on the channel's event loop; called once every session is open. */
    void start(Channel channel) {
        channel.eventLoop().execute(() -> {
            ChannelHandlerContext ctx = channel.pipeline().context(this);
            while (!window.full()) {
                send(ctx);
            }
            ctx.flush();
        });
    }

    private void send(ChannelHandlerContext ctx) {
        window.sent(System.nanoTime());
        ctx.write(new TextWebSocketFrame(message.duplicate()), ctx.voidPromise());
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, WebSocketFrame frame) {
        long now = System.nanoTime();
        if (window.empty()) {
            tally.error();
            return;
        }
        long sentAt = window.answered();
        if (frame instanceof TextWebSocketFrame && frame.isFinalFragment() && matches(frame.content())) {
            if (phase.measuring(now)) {
                tally.reply(now - sentAt);
            }
        } else {
            tally.error();
        }
        if (phase.sending()) {
            send(ctx);
        }
    }

    private boolean matches(ByteBuf content) {
        int length = expected.readableBytes();
        if (exact ? content.readableBytes() != length : content.readableBytes() < length) {
            return false;
        }
        return ByteBufUtil.equals(content, content.readerIndex(), expected, expected.readerIndex(), length);
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
        ctx.flush();
        ctx.fireChannelReadComplete();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        if (phase.sending()) {
            tally.error();   // closed by the other side while measuring
        }
        ctx.fireChannelInactive();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        tally.error();
        ctx.close();
    }
}

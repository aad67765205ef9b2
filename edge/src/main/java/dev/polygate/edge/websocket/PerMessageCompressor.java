package dev.polygate.edge.websocket;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.MessageToMessageEncoder;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.ContinuationWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import java.util.List;
import java.util.zip.Deflater;

/**
 * Compresses the messages the gateway sends a client (RFC 7692 section 7.2.1) frame by frame, keeping the backend's
 * fragmentation: each frame's bytes are deflated with a sync flush, the first frame carries RSV1, and the final one
 * loses the {@code 00 00 ff ff} that ends the flush. Unlike Netty's encoder it takes empty fragments (RFC 6455 allows
 * them; one that flushes nothing is sent empty, an empty message as a single empty block, RFC 7692 section 7.2.3.6).
 * With {@code server_no_context_takeover} the compressor starts afresh for each message.
 */
final class PerMessageCompressor extends MessageToMessageEncoder<WebSocketFrame> {
    private static final int LEVEL = 6;

    private final boolean noContextTakeover;
    private final byte[] chunk = new byte[16 * 1024];
    private Deflater deflater;
    private boolean compressing;

    PerMessageCompressor(boolean noContextTakeover) {
        super(WebSocketFrame.class);
        this.noContextTakeover = noContextTakeover;
    }

    @Override
    public boolean acceptOutboundMessage(Object msg) {
        return msg instanceof TextWebSocketFrame || msg instanceof BinaryWebSocketFrame
                || msg instanceof ContinuationWebSocketFrame && compressing;
    }

    @Override
    protected void encode(ChannelHandlerContext ctx, WebSocketFrame frame, List<Object> out) {
        if (deflater == null) {
            deflater = new Deflater(LEVEL, true);
        }
        int readable = frame.content().readableBytes();
        ByteBuf compressed = ctx.alloc().buffer(Math.min(64 * 1024, readable / 2 + 64));
        deflater.setInput(frame.content().nioBuffer());
        int n;
        do {
            n = deflater.deflate(chunk, 0, chunk.length, Deflater.SYNC_FLUSH);
            compressed.writeBytes(chunk, 0, n);
        } while (n == chunk.length || !deflater.needsInput());
        boolean first = !(frame instanceof ContinuationWebSocketFrame);
        compressing = !frame.isFinalFragment();
        if (frame.isFinalFragment()) {
            if (compressed.readableBytes() >= 4) {
                compressed.writerIndex(compressed.writerIndex() - 4); // the sync flush's 00 00 ff ff
            } else {
                compressed.clear().writeByte(0); // nothing was pending: one empty stored block ends the message
            }
            if (noContextTakeover) {
                deflater.reset();
            }
        }
        int rsv = first ? frame.rsv() | PerMessageInflater.RSV1 : frame.rsv();
        out.add(PerMessageDeflate.withPayload(frame, rsv, compressed));
    }

    @Override
    public void handlerRemoved(ChannelHandlerContext ctx) {
        if (deflater != null) {
            deflater.end();
            deflater = null;
        }
    }
}

package dev.polygate.edge.websocket;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.MessageToMessageDecoder;
import io.netty.handler.codec.compression.DecompressionException;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.ContinuationWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;

/**
 * Inflates the client's compressed messages (RSV1 on the first frame, RFC 7692 section 7.2.2) frame by frame. Unlike
 * Netty's decoder it takes a first fragment that inflates to nothing yet (a client that cuts its compressed bytes into
 * small frames sends the start of a Huffman table alone), and it limits the inflated size of the whole message, not
 * of each frame: beyond {@code maxMessageSize} it fails with a {@link DecompressionException} naming the maximum,
 * which the session turns into 1009. RSV1 on a continuation frame or on an uncompressed message's frames stays on
 * the frame, so the session fails it with 1002.
 */
final class PerMessageInflater extends MessageToMessageDecoder<WebSocketFrame> {
    static final int RSV1 = 4;
    private static final byte[] TAIL = {0, 0, (byte) 0xff, (byte) 0xff};

    private final boolean noContextTakeover;
    private final long maxMessageSize;
    private final byte[] chunk = new byte[16 * 1024];
    private Inflater inflater;
    private boolean compressing;
    private long inflated;

    PerMessageInflater(boolean noContextTakeover, long maxMessageSize) {
        super(WebSocketFrame.class);
        this.noContextTakeover = noContextTakeover;
        this.maxMessageSize = maxMessageSize;
    }

    @Override
    public boolean acceptInboundMessage(Object msg) throws Exception {
        if (msg instanceof TextWebSocketFrame || msg instanceof BinaryWebSocketFrame) {
            compressing = (((WebSocketFrame) msg).rsv() & RSV1) != 0;
            inflated = 0;
            return compressing;
        }
        return msg instanceof ContinuationWebSocketFrame continuation && compressing && continuation.rsv() == 0;
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, WebSocketFrame frame, List<Object> out) throws Exception {
        if (inflater == null) {
            inflater = new Inflater(true);
        }
        ByteBuf plain = ctx.alloc().buffer(Math.min(64 * 1024, Math.max(64, frame.content().readableBytes() * 2)));
        try {
            inflate(frame.content().nioBuffer(), plain);
            if (frame.isFinalFragment()) {
                inflate(ByteBuffer.wrap(TAIL), plain);
                compressing = false;
                if (noContextTakeover || inflater.finished()) {
                    inflater.reset(); // a final deflate block (BFINAL) ends the context too
                }
            }
        } catch (DataFormatException | RuntimeException e) {
            plain.release();
            throw e instanceof DecompressionException d ? d : new DecompressionException("invalid compressed data", e);
        }
        int rsv = frame.rsv() & ~RSV1;
        out.add(PerMessageDeflate.withPayload(frame, rsv, plain));
    }

    private void inflate(ByteBuffer input, ByteBuf plain) throws DataFormatException {
        if (inflater.finished()) {
            return; // after a final block nothing more belongs to the stream
        }
        inflater.setInput(input);
        while (true) {
            int n = inflater.inflate(chunk);
            if (n == 0) {
                if (inflater.needsDictionary()) {
                    throw new DecompressionException("invalid compressed data: a preset dictionary");
                }
                if (inflater.needsInput() || inflater.finished()) {
                    return;
                }
            }
            inflated += n;
            if (inflated > maxMessageSize) {
                throw new DecompressionException("message exceeds the maximum of " + maxMessageSize + " bytes inflated");
            }
            plain.writeBytes(chunk, 0, n);
        }
    }

    @Override
    public void handlerRemoved(ChannelHandlerContext ctx) {
        end();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        end();
        super.channelInactive(ctx);
    }

    private void end() {
        if (inflater != null) {
            inflater.end();
            inflater = null;
        }
    }
}

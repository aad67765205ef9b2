package dev.polygate.translators.model.wire;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.CompositeByteBuf;
import io.netty.buffer.Unpooled;

/**
 * Cuts a byte stream that arrives in arbitrary chunks into length-prefixed gRPC messages. Payloads are
 * retained slices of the chunks (a composite when a message spans chunks), so nothing is copied, and a
 * message is never buffered past the declared limit: the length is checked from the header first.
 * Not thread-safe; one decoder per stream.
 */
public final class GrpcFrameDecoder {
    private final int maxMessageBytes;
    private final byte[] header = new byte[GrpcFrames.HEADER_BYTES];
    private int headerFill;
    private int flags;
    private int length;
    /** The part of the current message received so far; null between messages. */
    private CompositeByteBuf partial;
    private boolean failed;

    public GrpcFrameDecoder(int maxMessageBytes) {
        if (maxMessageBytes < 0) {
            throw new IllegalArgumentException("maxMessageBytes must not be negative");
        }
        this.maxMessageBytes = maxMessageBytes;
    }

    /**
     * Takes ownership of {@code chunk} and hands every message it completes to {@code listener}.
     *
     * @throws GrpcException RESOURCE_EXHAUSTED when a message declares more than the limit; the decoder
     *                       is unusable afterwards
     */
    public void decode(ByteBuf chunk, FrameListener listener) {
        try {
            if (failed) {
                throw new IllegalStateException("the decoder failed earlier");
            }
            while (chunk.isReadable()) {
                if (partial == null && !readHeader(chunk, listener)) {
                    return;
                }
                if (partial != null) {
                    int take = Math.min(length - partial.readableBytes(), chunk.readableBytes());
                    partial.addComponent(true, chunk.readRetainedSlice(take));
                    if (partial.readableBytes() == length) {
                        ByteBuf payload = partial;
                        partial = null;
                        listener.onFrame(flags, payload);
                    }
                }
            }
        } finally {
            chunk.release();
        }
    }

    /**
     * Reads (the rest of) a header and delivers the message at once when the chunk holds all of it.
     *
     * @return false when the chunk ended inside the header
     */
    private boolean readHeader(ByteBuf chunk, FrameListener listener) {
        int take = Math.min(GrpcFrames.HEADER_BYTES - headerFill, chunk.readableBytes());
        chunk.readBytes(header, headerFill, take);
        headerFill += take;
        if (headerFill < GrpcFrames.HEADER_BYTES) {
            return false;
        }
        headerFill = 0;
        flags = header[0] & 0xff;
        long declared = ((header[1] & 0xffL) << 24) | ((header[2] & 0xff) << 16) | ((header[3] & 0xff) << 8)
                | (header[4] & 0xff);
        if (declared > maxMessageBytes) {
            failed = true;
            throw new GrpcException(GrpcStatusCode.RESOURCE_EXHAUSTED, "a message of " + declared
                    + " bytes exceeds the limit of " + maxMessageBytes + " bytes");
        }
        length = (int) declared;
        if (length == 0) {
            listener.onFrame(flags, Unpooled.EMPTY_BUFFER);
        } else if (chunk.readableBytes() >= length) {
            listener.onFrame(flags, chunk.readRetainedSlice(length));
        } else {
            partial = chunk.alloc().compositeBuffer();
        }
        return true;
    }

    /** True while part of a message has been received: at the end of the stream, a truncated message. */
    public boolean hasPartialFrame() {
        return headerFill > 0 || partial != null;
    }

    /** Frees what is buffered; the decoder must not be used afterwards. */
    public void release() {
        failed = true;
        headerFill = 0;
        if (partial != null) {
            partial.release();
            partial = null;
        }
    }

    /** Receives complete messages. */
    public interface FrameListener {
        /** One message; the listener owns {@code payload} and must release it or pass it on. */
        void onFrame(int flags, ByteBuf payload);
    }
}

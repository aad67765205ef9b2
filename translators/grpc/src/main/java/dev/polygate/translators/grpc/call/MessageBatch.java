package dev.polygate.translators.grpc.call;

import com.google.protobuf.CodedOutputStream;
import com.google.protobuf.Message;
import dev.polygate.translators.model.wire.GrpcFrames;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * Framed request messages written one after another into one pooled buffer, until it is sealed and sent as one
 * chunk. Messages are serialized straight into it; a frame built elsewhere is copied in when small.
 */
final class MessageBatch {
    /** Frames up to this size are copied into a batch, and a batch grows to about this size before it is sealed. */
    static final int MAX_BYTES = 16 * 1024;
    private static final int INITIAL_BYTES = 256;

    private final ByteBufAllocator alloc;
    private ByteBuf open;

    MessageBatch(ByteBufAllocator alloc) {
        this.alloc = alloc;
    }

    /** Bytes in the open batch. */
    int size() {
        return open == null ? 0 : open.readableBytes();
    }

    /** Appends the frame of {@code message} (serialized protobuf), copied; the buffer is released. */
    void copy(ByteBuf message) {
        try {
            int length = message.readableBytes();
            buffer(GrpcFrames.HEADER_BYTES + length).writeByte(GrpcFrames.DATA).writeInt(length).writeBytes(message);
        } finally {
            message.release();
        }
    }

    /** Appends the frame of {@code message}: header, then the message serialized in place. */
    void write(Message message) {
        int length = message.getSerializedSize();
        ByteBuf out = buffer(GrpcFrames.HEADER_BYTES + length);
        int start = out.writerIndex();
        out.writeByte(GrpcFrames.DATA).writeInt(length);
        int at = out.writerIndex();
        if (out.nioBufferCount() != 1) {
            out.writeBytes(message.toByteArray());
            return;
        }
        try {
            CodedOutputStream coded = CodedOutputStream.newInstance(out.nioBuffer(at, length));
            message.writeTo(coded);
            coded.checkNoSpaceLeft();
        } catch (IOException | RuntimeException e) {
            out.writerIndex(start); // no half-written frame is left behind
            throw e instanceof IOException io ? new UncheckedIOException(io) : (RuntimeException) e;
        }
        out.writerIndex(at + length);
    }

    /** The batch so far, now owned by the caller, or null when empty; the next write starts a new one. */
    ByteBuf seal() {
        ByteBuf sealed = open;
        open = null;
        return sealed;
    }

    /** Drops what was written and not sealed. */
    void release() {
        if (open != null) {
            open.release();
            open = null;
        }
    }

    private ByteBuf buffer(int bytes) {
        if (open == null) {
            open = alloc.buffer(Math.max(INITIAL_BYTES, bytes));
        }
        open.ensureWritable(bytes);
        return open;
    }
}

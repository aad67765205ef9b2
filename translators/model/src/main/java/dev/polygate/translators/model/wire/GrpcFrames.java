package dev.polygate.translators.model.wire;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.HttpHeaders;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;

/**
 * Builds length-prefixed gRPC frames: one flag byte, a 4-byte big-endian length, the payload. gRPC-Web
 * (and gRPC over WebSocket) also carry the trailers as a frame, flagged {@link #TRAILERS}.
 */
public final class GrpcFrames {
    /** Length of the frame header. */
    public static final int HEADER_BYTES = 5;
    /** An uncompressed message. */
    public static final int DATA = 0x00;
    /** Flag bit: the message is compressed with the call's {@code grpc-encoding}. */
    public static final int COMPRESSED = 0x01;
    /** Flag bit: the frame holds the trailers as {@code name:value\r\n} lines (gRPC-Web). */
    public static final int TRAILERS = 0x80;

    private GrpcFrames() {
    }

    /** A frame around {@code payload}, which is taken over: the result owns it, without a copy. */
    public static ByteBuf frame(ByteBufAllocator alloc, int flags, ByteBuf payload) {
        ByteBuf header;
        try {
            header = header(alloc, flags, payload.readableBytes());
        } catch (RuntimeException | Error e) {
            payload.release();
            throw e;
        }
        return alloc.compositeBuffer(2).addComponents(true, header, payload);
    }

    /** A frame around a copy of {@code payload}. */
    public static ByteBuf frame(ByteBufAllocator alloc, int flags, byte[] payload) {
        return alloc.buffer(HEADER_BYTES + payload.length)
                .writeByte(flags).writeInt(payload.length).writeBytes(payload);
    }

    /**
     * The gRPC-Web trailer frame: one {@code name:value\r\n} line per value, names in lower case. Values
     * with CR or LF cannot be represented and are dropped rather than let split a line.
     */
    public static ByteBuf trailerFrame(ByteBufAllocator alloc, HttpHeaders trailers) {
        StringBuilder block = new StringBuilder(64);
        for (Map.Entry<String, String> entry : trailers) {
            String value = entry.getValue();
            if (value.indexOf('\r') >= 0 || value.indexOf('\n') >= 0) {
                continue;
            }
            block.append(entry.getKey().toLowerCase(Locale.ROOT)).append(':').append(value).append("\r\n");
        }
        return frame(alloc, TRAILERS, block.toString().getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Reads the payload of a trailer frame back into headers. Lines without a colon are skipped; spaces
     * around the value are trimmed, as HTTP field values are.
     */
    public static HttpHeaders parseTrailerBlock(ByteBuf payload) {
        HttpHeaders trailers = new DefaultHttpHeaders(false);
        String block = payload.toString(StandardCharsets.UTF_8);
        for (String line : block.split("\r\n|\n")) {
            int colon = line.indexOf(':');
            if (colon > 0) {
                trailers.add(line.substring(0, colon).trim().toLowerCase(Locale.ROOT), line.substring(colon + 1).trim());
            }
        }
        return trailers;
    }

    private static ByteBuf header(ByteBufAllocator alloc, int flags, int length) {
        return alloc.buffer(HEADER_BYTES).writeByte(flags).writeInt(length);
    }
}

package dev.polygate.translators.model.web;

import dev.polygate.translators.model.wire.GrpcException;
import dev.polygate.translators.model.wire.GrpcStatusCode;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;

/**
 * Decodes a {@code grpc-web-text} body as it streams in. Input is taken in 4-character groups, with the
 * unfinished group carried to the next chunk. A group may end in padding anywhere in the stream, because
 * some clients encode each message separately and simply concatenate the results.
 *
 * <p>Whitespace (space, tab, CR, LF) is skipped: line-wrapped base64 is still base64, and refusing it
 * would only break a client for nothing. Only the standard alphabet is accepted; anything else is
 * INVALID_ARGUMENT, naming the offending byte and its offset.
 */
final class Base64StreamDecoder {
    private static final int INVALID = -1;
    private static final int SKIP = -2;
    private static final int PAD = -3;
    private static final int[] VALUES = new int[256];
    private static final int BLOCK = 8192;

    static {
        java.util.Arrays.fill(VALUES, INVALID);
        String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
        for (int i = 0; i < alphabet.length(); i++) {
            VALUES[alphabet.charAt(i)] = i;
        }
        for (char c : new char[] {' ', '\t', '\r', '\n'}) {
            VALUES[c] = SKIP;
        }
        VALUES['='] = PAD;
    }

    private final int[] group = new int[4];
    private int filled;
    private int padding;
    private long offset;
    private byte[] scratch;

    /**
     * Decodes what {@code chunk} completes; takes ownership of it.
     *
     * @throws GrpcException INVALID_ARGUMENT on a byte that is not base64 or padding in the wrong place
     */
    ByteBuf decode(ByteBuf chunk) {
        try {
            int length = chunk.readableBytes();
            // One bulk copy per block: per-byte access to a tracked buffer is slow under leak detection.
            if (scratch == null) {
                scratch = new byte[Math.min(BLOCK, Math.max(length, 64))];
            }
            byte[] out = new byte[(filled + length) / 4 * 3];
            int written = 0;
            int index = chunk.readerIndex();
            int end = index + length;
            while (index < end) {
                int n = Math.min(scratch.length, end - index);
                chunk.getBytes(index, scratch, 0, n);
                index += n;
                written = decodeBlock(scratch, n, out, written);
            }
            return written == 0 ? Unpooled.EMPTY_BUFFER : chunk.alloc().buffer(written).writeBytes(out, 0, written);
        } finally {
            chunk.release();
        }
    }

    private int decodeBlock(byte[] in, int n, byte[] out, int written) {
        for (int i = 0; i < n; i++, offset++) {
            int b = in[i] & 0xff;
            int value = VALUES[b];
            if (value == SKIP) {
                continue;
            }
            if (value == INVALID) {
                throw invalid(b, "is not a base64 character");
            }
            if (value == PAD) {
                if (filled < 2) {
                    throw invalid(b, "pads a group of fewer than two characters");
                }
                padding++;
                group[filled++] = 0;
            } else {
                if (padding > 0) {
                    throw invalid(b, "follows padding inside a 4-character group");
                }
                group[filled++] = value;
            }
            if (filled == 4) {
                written = flush(out, written);
            }
        }
        return written;
    }

    private int flush(byte[] out, int written) {
        int bits = group[0] << 18 | group[1] << 12 | group[2] << 6 | group[3];
        int bytes = 3 - padding;
        out[written++] = (byte) (bits >> 16);
        if (bytes > 1) {
            out[written++] = (byte) (bits >> 8);
        }
        if (bytes > 2) {
            out[written++] = (byte) bits;
        }
        filled = 0;
        padding = 0;
        return written;
    }

    /** True when the input so far ends inside a 4-character group: a truncated body. */
    boolean hasPartialGroup() {
        return filled > 0;
    }

    private GrpcException invalid(int b, String why) {
        String shown = b >= 0x21 && b <= 0x7e ? "'" + (char) b + "'" : String.format("0x%02x", b);
        return new GrpcException(GrpcStatusCode.INVALID_ARGUMENT,
                "invalid grpc-web-text body: " + shown + " at offset " + offset + " " + why);
    }
}

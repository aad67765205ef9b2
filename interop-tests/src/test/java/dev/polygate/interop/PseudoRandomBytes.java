package dev.polygate.interop;

import io.netty.buffer.ByteBuf;
import java.io.InputStream;
import java.util.zip.CRC32;

/**
 * A deterministic pseudo-random byte stream that either side of a transfer can produce at any offset, so a
 * test can compare contents of hundreds of megabytes by checksum without holding them.
 */
final class PseudoRandomBytes {
    private PseudoRandomBytes() {
    }

    /** The byte at {@code position}: eight bytes of one SplitMix64 output per eight positions. */
    static byte at(long position) {
        long z = (position >>> 3) * 0x9E3779B97F4A7C15L;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        z ^= z >>> 31;
        return (byte) (z >>> ((position & 7) << 3));
    }

    /** Puts {@code length} bytes of the stream, from {@code position} on, into {@code block} at {@code offset}. */
    static void fill(byte[] block, int offset, int length, long position) {
        for (int i = 0; i < length; i++) {
            block[offset + i] = at(position + i);
        }
    }

    /**
     * Writes {@code length} bytes of the stream, starting at {@code position}, to {@code out} in one call: under
     * paranoid leak detection every call on a buffer records where it came from.
     */
    static void write(ByteBuf out, long position, int length) {
        byte[] block = new byte[length];
        fill(block, 0, length, position);
        out.writeBytes(block);
    }

    /** The CRC32 of the stream's first {@code length} bytes. */
    static long crc32(long length) {
        CRC32 crc = new CRC32();
        byte[] block = new byte[1 << 16];
        for (long done = 0; done < length; ) {
            int n = (int) Math.min(block.length, length - done);
            fill(block, 0, n, done);
            crc.update(block, 0, n);
            done += n;
        }
        return crc.getValue();
    }

    /** The stream's first {@code length} bytes, made up as they are read. */
    static InputStream stream(long length) {
        return new InputStream() {
            private long position;

            @Override
            public int read() {
                return position == length ? -1 : at(position++) & 0xFF;
            }

            @Override
            public int read(byte[] b, int off, int len) {
                if (position == length) {
                    return -1;
                }
                int n = (int) Math.min(len, length - position);
                fill(b, off, n, position);
                position += n;
                return n;
            }
        };
    }
}

package dev.polygate.edge.websocket;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.util.Arrays;
import java.util.zip.DataFormatException;
import java.util.zip.Deflater;
import java.util.zip.Inflater;

/**
 * The client's half of permessage-deflate (RFC 7692 section 7.2) on a {@link RawWebSocket}, with the JDK's raw
 * deflate: a message is compressed with a sync flush and sent without the final {@code 00 00 ff ff}, in frames of a
 * given size cut from the compressed bytes (RSV1 on the first only); a message from the server gets the four bytes
 * back before it is inflated. With {@code client_no_context_takeover} the client resets its compressor after each
 * message; with {@code server_no_context_takeover} each server message is inflated by a fresh inflater, which fails
 * if the server compressed it against an earlier message. A client that offered a window below 15 bits compresses
 * with Huffman codes only (no back-references at all), the one way to keep such a promise with the JDK's deflater.
 */
final class DeflatingClient implements AutoCloseable {
    static final int RSV1 = 4;
    private static final byte[] TAIL = {0, 0, (byte) 0xff, (byte) 0xff};

    private final RawWebSocket ws;
    private final boolean clientNoContextTakeover;
    private final boolean serverNoContextTakeover;
    private final boolean smallWindow;
    private Deflater deflater;
    private Inflater inflater;
    /** Compressed payload bytes of the last message received. */
    int lastCompressedSize;

    DeflatingClient(RawWebSocket ws, boolean clientNoContextTakeover, boolean serverNoContextTakeover,
                    boolean smallWindow) {
        this.ws = ws;
        this.clientNoContextTakeover = clientNoContextTakeover;
        this.serverNoContextTakeover = serverNoContextTakeover;
        this.smallWindow = smallWindow;
    }

    /** Context takeover both ways, a full window. */
    DeflatingClient(RawWebSocket ws) {
        this(ws, false, false, false);
    }

    /** Sends {@code message} compressed, its compressed bytes cut into frames of {@code fragment} bytes (0: one). */
    void send(int opcode, byte[] message, int fragment) throws Exception {
        byte[] compressed = compress(message);
        int size = fragment <= 0 ? Math.max(1, compressed.length) : fragment;
        ByteArrayOutputStream frames = new ByteArrayOutputStream(compressed.length + compressed.length / size * 14 + 14);
        int offset = 0;
        do {
            int end = Math.min(compressed.length, offset + size);
            frames.writeBytes(RawWebSocket.encode(offset == 0 ? opcode : RawWebSocket.CONTINUATION,
                    end == compressed.length, offset == 0 ? RSV1 : 0, true, Arrays.copyOfRange(compressed, offset, end)));
            offset = end;
        } while (offset < compressed.length);
        ws.sendRaw(frames.toByteArray());
    }

    /** The next message, which must be compressed (RSV1), inflated. */
    RawWebSocket.Message receive() throws Exception {
        RawWebSocket.Message message = ws.readMessage();
        assertThat(message.rsv()).as("RSV bits of a message from the server").isEqualTo(RSV1);
        lastCompressedSize = message.payload().length;
        return new RawWebSocket.Message(message.opcode(), message.rsv(), inflate(message.payload()));
    }

    /** The next message is {@code expected}, compressed. */
    void expect(int opcode, byte[] expected) throws Exception {
        RawWebSocket.Message message = receive();
        assertThat(message.opcode()).as("opcode").isEqualTo(opcode);
        assertThat(message.payload()).as("inflated payload of " + expected.length + " bytes").isEqualTo(expected);
    }

    byte[] compress(byte[] message) {
        if (deflater == null) {
            deflater = new Deflater(Deflater.DEFAULT_COMPRESSION, true);
            if (smallWindow) {
                deflater.setStrategy(Deflater.HUFFMAN_ONLY);
            }
        }
        deflater.setInput(message);
        ByteArrayOutputStream out = new ByteArrayOutputStream(message.length / 2 + 64);
        byte[] buffer = new byte[16 * 1024];
        int n;
        do { // the first call after a change of strategy may only apply it
            n = deflater.deflate(buffer, 0, buffer.length, Deflater.SYNC_FLUSH);
            out.write(buffer, 0, n);
        } while (n == buffer.length || !deflater.needsInput());
        byte[] flushed = out.toByteArray();
        if (flushed.length == 0) {
            return new byte[1]; // nothing to flush: an empty message is one empty stored block (RFC 7692 7.2.3.6)
        }
        assertThat(Arrays.copyOfRange(flushed, flushed.length - 4, flushed.length)).as("a sync flush's end").isEqualTo(TAIL);
        if (clientNoContextTakeover) {
            deflater.end();
            deflater = null;
        }
        return Arrays.copyOf(flushed, flushed.length - 4);
    }

    byte[] inflate(byte[] payload) throws DataFormatException {
        if (inflater == null || serverNoContextTakeover) {
            if (inflater != null) {
                inflater.end();
            }
            inflater = new Inflater(true);
        }
        byte[] input = Arrays.copyOf(payload, payload.length + 4);
        System.arraycopy(TAIL, 0, input, payload.length, 4);
        inflater.setInput(input);
        ByteArrayOutputStream out = new ByteArrayOutputStream(payload.length * 4 + 64);
        byte[] buffer = new byte[16 * 1024];
        while (true) {
            int n = inflater.inflate(buffer);
            out.write(buffer, 0, n);
            if (n == 0 && (inflater.needsInput() || inflater.finished())) {
                break;
            }
        }
        assertThat(inflater.finished()).as("a message must not end the deflate stream (BFINAL)").isFalse();
        assertThat(inflater.getRemaining()).as("compressed bytes left over").isZero();
        return out.toByteArray();
    }

    @Override
    public void close() {
        if (deflater != null) {
            deflater.end();
        }
        if (inflater != null) {
            inflater.end();
        }
    }
}

package dev.polygate.edge.websocket;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A WebSocket client that writes frames byte by byte (masked or not, any RSV bits and opcode, any fragmentation)
 * and reads the gateway's frames as they are, to check the gateway against RFC 6455 where well-behaved clients
 * cannot go.
 */
final class RawWebSocket implements AutoCloseable {
    static final int CONTINUATION = 0x0;
    static final int TEXT = 0x1;
    static final int BINARY = 0x2;
    static final int CLOSE = 0x8;
    static final int PING = 0x9;
    static final int PONG = 0xA;

    /** One frame as the server sent it. */
    record Frame(boolean fin, int rsv, int opcode, byte[] payload) {
        String text() {
            return new String(payload, StandardCharsets.UTF_8);
        }

        int closeCode() {
            return payload.length < 2 ? 1005 : (payload[0] & 0xff) << 8 | payload[1] & 0xff;
        }

        String closeReason() {
            return payload.length <= 2 ? "" : new String(payload, 2, payload.length - 2, StandardCharsets.UTF_8);
        }
    }

    private final Socket socket;
    private final DataInputStream in;
    private final OutputStream out;
    private final String responseHead;

    private RawWebSocket(Socket socket, String responseHead) throws IOException {
        this.socket = socket;
        this.in = new DataInputStream(socket.getInputStream());
        this.out = socket.getOutputStream();
        this.responseHead = responseHead;
    }

    /** Opens a connection and sends {@code requestHead} (ending with an empty line), reading the answer's head. */
    static RawWebSocket open(int port, String requestHead, int receiveBuffer) throws IOException {
        Socket socket = new Socket();
        if (receiveBuffer > 0) {
            socket.setReceiveBufferSize(receiveBuffer);
        }
        socket.connect(new InetSocketAddress("127.0.0.1", port), 5_000);
        socket.setSoTimeout(20_000);
        socket.setTcpNoDelay(true);
        socket.getOutputStream().write(requestHead.getBytes(StandardCharsets.ISO_8859_1));
        return new RawWebSocket(socket, readHead(socket.getInputStream()));
    }

    /** A valid handshake for {@code path} with these extra header lines (each ending with CRLF). */
    static RawWebSocket connect(int port, String path, String extraHeaders) throws IOException {
        return open(port, handshake(path, extraHeaders), 0);
    }

    static String handshake(String path, String extraHeaders) {
        byte[] key = new byte[16];
        ThreadLocalRandom.current().nextBytes(key);
        return "GET " + path + " HTTP/1.1\r\nHost: localhost\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                + "Sec-WebSocket-Key: " + Base64.getEncoder().encodeToString(key) + "\r\nSec-WebSocket-Version: 13\r\n"
                + extraHeaders + "\r\n";
    }

    String responseHead() {
        return responseHead;
    }

    /** What the server sends after the head, unparsed. */
    InputStream input() {
        return in;
    }

    int status() {
        return Integer.parseInt(responseHead.substring(9, 12));
    }

    /** The body after a non-101 head, up to Content-Length. */
    String body() throws IOException {
        int length = 0;
        for (String line : responseHead.split("\r\n")) {
            if (line.toLowerCase().startsWith("content-length:")) {
                length = Integer.parseInt(line.substring(15).trim());
            }
        }
        byte[] body = new byte[length];
        in.readFully(body);
        return new String(body, StandardCharsets.UTF_8);
    }

    void send(int opcode, boolean fin, int rsv, boolean mask, byte[] payload) throws IOException {
        out.write(encode(opcode, fin, rsv, mask, payload));
        out.flush();
    }

    /** One frame's bytes as a client (mask) or a misbehaving client (no mask) writes them. */
    static byte[] encode(int opcode, boolean fin, int rsv, boolean mask, byte[] payload) {
        ByteArrayOutputStream frame = new ByteArrayOutputStream(payload.length + 14);
        frame.write((fin ? 0x80 : 0) | (rsv & 7) << 4 | opcode);
        int maskBit = mask ? 0x80 : 0;
        if (payload.length < 126) {
            frame.write(maskBit | payload.length);
        } else if (payload.length < 65536) {
            frame.write(maskBit | 126);
            frame.write(payload.length >> 8);
            frame.write(payload.length);
        } else {
            frame.write(maskBit | 127);
            for (int shift = 56; shift >= 0; shift -= 8) {
                frame.write((int) ((long) payload.length >> shift));
            }
        }
        byte[] key = new byte[4];
        if (mask) {
            ThreadLocalRandom.current().nextBytes(key);
            frame.write(key, 0, 4);
        }
        byte[] masked = payload.clone();
        for (int i = 0; mask && i < masked.length; i++) {
            masked[i] ^= key[i & 3];
        }
        frame.writeBytes(masked);
        return frame.toByteArray();
    }

    /** Writes {@code bytes} (frames or parts of frames) in TCP writes of at most {@code chunk} bytes each. */
    void sendChopped(byte[] bytes, int chunk) throws IOException {
        for (int offset = 0; offset < bytes.length; offset += chunk) {
            out.write(bytes, offset, Math.min(chunk, bytes.length - offset));
            out.flush();
        }
    }

    void sendRaw(byte[] bytes) throws IOException {
        out.write(bytes);
        out.flush();
    }

    void send(int opcode, boolean fin, byte[] payload) throws IOException {
        send(opcode, fin, 0, true, payload);
    }

    void sendText(String text) throws IOException {
        send(TEXT, true, text.getBytes(StandardCharsets.UTF_8));
    }

    void sendClose(int code, String reason) throws IOException {
        byte[] text = reason.getBytes(StandardCharsets.UTF_8);
        byte[] payload = new byte[2 + text.length];
        payload[0] = (byte) (code >> 8);
        payload[1] = (byte) code;
        System.arraycopy(text, 0, payload, 2, text.length);
        send(CLOSE, true, payload);
    }

    Frame read() throws IOException {
        int first = in.readUnsignedByte();
        int second = in.readUnsignedByte();
        if ((second & 0x80) != 0) {
            throw new IOException("the server masked a frame");
        }
        long length = second & 0x7f;
        if (length == 126) {
            length = in.readUnsignedShort();
        } else if (length == 127) {
            length = in.readLong();
        }
        byte[] payload = new byte[(int) length];
        in.readFully(payload);
        return new Frame((first & 0x80) != 0, first >> 4 & 7, first & 0x0f, payload);
    }

    /** One data message as the server sent it, its fragments joined; {@code rsv} is the first frame's. */
    record Message(int opcode, int rsv, byte[] payload) {
        String text() {
            return new String(payload, StandardCharsets.UTF_8);
        }
    }

    /**
     * Reads the next data message, joining its fragments (an echo backend may send them as they came or joined);
     * control frames met on the way go to {@code controls}. A Close instead of a message fails.
     */
    Message readMessage(List<Frame> controls) throws IOException {
        ByteArrayOutputStream payload = new ByteArrayOutputStream();
        int opcode = -1;
        int rsv = 0;
        while (true) {
            Frame frame = read();
            if (frame.opcode() == CLOSE) {
                throw new IOException("Close " + frame.closeCode() + " '" + frame.closeReason() + "' instead of a message");
            }
            if (frame.opcode() >= CLOSE) {
                controls.add(frame);
                continue;
            }
            if (opcode < 0) {
                if (frame.opcode() == CONTINUATION) {
                    throw new IOException("a continuation frame without a message started");
                }
                opcode = frame.opcode();
                rsv = frame.rsv();
            } else if (frame.opcode() != CONTINUATION) {
                throw new IOException("a new message inside a fragmented one");
            }
            payload.writeBytes(frame.payload());
            if (frame.fin()) {
                return new Message(opcode, rsv, payload.toByteArray());
            }
        }
    }

    Message readMessage() throws IOException {
        List<Frame> controls = new ArrayList<>();
        Message message = readMessage(controls);
        if (!controls.isEmpty()) {
            throw new IOException("unexpected control frames before the message: " + controls);
        }
        return message;
    }

    /** Reads past data frames to the server's Close, and checks that the connection then ends. */
    Frame readClose() throws IOException {
        Frame frame;
        do {
            frame = read();
        } while (frame.opcode() != CLOSE);
        return frame;
    }

    /** True once the server has closed the connection (end of stream). */
    boolean closedByServer() throws IOException {
        try {
            while (true) {
                read();
            }
        } catch (EOFException e) {
            return true;
        } catch (java.net.SocketException e) {
            return true; // reset
        }
    }

    private static String readHead(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int matched = 0;
        while (matched < 4) {
            int b = in.read();
            if (b < 0) {
                throw new EOFException("connection closed in the response head: " + head);
            }
            head.write(b);
            matched = (b == '\r' || b == '\n') && (matched % 2 == 0) == (b == '\r') ? matched + 1 : b == '\r' ? 1 : 0;
        }
        return head.toString(StandardCharsets.ISO_8859_1);
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}

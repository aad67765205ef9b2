package dev.polygate.edge.backpressure;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * An HTTP/1.1 client on a raw socket with a small receive buffer: it sends a request, reads the response head,
 * and then reads nothing until the test asks for the body, so the gateway finds it not writable.
 */
final class StallingHttp1Client implements AutoCloseable {
    /** Set before connecting, so the kernel advertises a small window from the start. */
    private static final int RECEIVE_BUFFER = 16 * 1024;
    private final Socket socket = new Socket();
    private final InputStream in;
    private Head head;

    StallingHttp1Client(int port) throws IOException {
        socket.setReceiveBufferSize(RECEIVE_BUFFER);
        socket.setSoTimeout(30_000);
        socket.connect(new InetSocketAddress("127.0.0.1", port), 5_000);
        in = new BufferedInputStream(socket.getInputStream(), 4096);
    }

    /** Sends the request head, and {@code body} when not null (with its content-length), and reads the answer's head. */
    Head send(String method, String path, Map<String, String> headers, byte[] body) throws IOException {
        StringBuilder request = new StringBuilder(method).append(' ').append(path).append(" HTTP/1.1\r\n")
                .append("host: localhost\r\n");
        headers.forEach((name, value) -> request.append(name).append(": ").append(value).append("\r\n"));
        if (body != null) {
            request.append("content-length: ").append(body.length).append("\r\n");
        }
        request.append("\r\n");
        socket.getOutputStream().write(request.toString().getBytes(StandardCharsets.ISO_8859_1));
        if (body != null) {
            socket.getOutputStream().write(body);
        }
        socket.getOutputStream().flush();
        head = readHead();
        return head;
    }

    private Head readHead() throws IOException {
        String statusLine = line();
        Map<String, String> fields = new HashMap<>();
        for (String field = line(); !field.isEmpty(); field = line()) {
            int colon = field.indexOf(':');
            fields.put(field.substring(0, colon).trim().toLowerCase(Locale.ROOT), field.substring(colon + 1).trim());
        }
        return new Head(Integer.parseInt(statusLine.split(" ")[1]), fields);
    }

    /** The body as it comes, de-chunked; reading it is what lets the gateway write again. */
    InputStream body() {
        String length = head.headers().get("content-length");
        if (length != null) {
            return new LengthBody(Long.parseLong(length));
        }
        if ("chunked".equalsIgnoreCase(head.headers().get("transfer-encoding"))) {
            return new ChunkedBody();
        }
        throw new IllegalStateException("a response without content-length or chunked framing: " + head);
    }

    private String line() throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        int b;
        while ((b = in.read()) != '\n') {
            if (b < 0) {
                throw new EOFException("the connection ended inside a line");
            }
            if (b != '\r') {
                bytes.write(b);
            }
        }
        return bytes.toString(StandardCharsets.ISO_8859_1);
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }

    record Head(int status, Map<String, String> headers) {
    }

    /** A body read in blocks; single bytes go through the same path. */
    private abstract static class BodyStream extends InputStream {
        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }
    }

    private final class LengthBody extends BodyStream {
        private long left;

        LengthBody(long length) {
            this.left = length;
        }

        @Override
        public int read(byte[] target, int offset, int length) throws IOException {
            if (left == 0) {
                return -1;
            }
            int n = in.read(target, offset, (int) Math.min(length, left));
            if (n < 0) {
                throw new EOFException(left + " bytes of the body never came");
            }
            left -= n;
            return n;
        }
    }

    private final class ChunkedBody extends BodyStream {
        private long leftInChunk;
        private boolean ended;

        @Override
        public int read(byte[] target, int offset, int length) throws IOException {
            if (ended) {
                return -1;
            }
            if (leftInChunk == 0) {
                String size = line();
                int extension = size.indexOf(';');
                leftInChunk = Long.parseLong(extension < 0 ? size.trim() : size.substring(0, extension).trim(), 16);
                if (leftInChunk == 0) {
                    while (!line().isEmpty()) {
                        // trailers: the tests read what they check from the body
                    }
                    ended = true;
                    return -1;
                }
            }
            int n = in.read(target, offset, (int) Math.min(length, leftInChunk));
            if (n < 0) {
                throw new EOFException("the connection ended inside a chunk");
            }
            leftInChunk -= n;
            if (leftInChunk == 0) {
                line(); // the CRLF after the chunk's data
            }
            return n;
        }
    }
}

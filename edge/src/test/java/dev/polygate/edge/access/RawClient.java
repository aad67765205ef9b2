package dev.polygate.edge.access;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;

/**
 * An HTTP/1.1 client on a plain socket that chooses its own source address on the loopback network (127.0.0.2 is a
 * peer other than 127.0.0.1), may send a PROXY protocol header first, and may then speak TLS on the same connection.
 */
public final class RawClient {
    private static final int TIMEOUT_MILLIS = 10_000;

    /** What came back: the status (0 when the connection closed without an answer), headers and body as text. */
    public record Answer(int status, String head, String body) {
        public boolean closedWithoutAnswer() {
            return status == 0 && head.isEmpty();
        }

        public String header(String name) {
            for (String line : head.split("\r\n")) {
                int colon = line.indexOf(':');
                if (colon > 0 && line.substring(0, colon).trim().equalsIgnoreCase(name)) {
                    return line.substring(colon + 1).trim();
                }
            }
            return null;
        }
    }

    private RawClient() {
    }

    /** A GET with {@code extraHeaders} (each {@code name: value}) from {@code source}, after {@code preamble}. */
    public static Answer get(String source, int port, byte[] preamble, SSLContext tls, String path,
                             String... extraHeaders) throws IOException {
        StringBuilder request = new StringBuilder("GET " + path + " HTTP/1.1\r\nHost: localhost\r\n");
        for (String header : extraHeaders) {
            request.append(header).append("\r\n");
        }
        request.append("Connection: close\r\n\r\n");
        return send(source, port, preamble, tls, request.toString().getBytes(StandardCharsets.ISO_8859_1));
    }

    /** Sends {@code preamble} then {@code bytes} (over TLS when {@code tls} is given) and reads until closed. */
    public static Answer send(String source, int port, byte[] preamble, SSLContext tls, byte[] bytes)
            throws IOException {
        try (Socket socket = connect(source, port)) {
            if (preamble != null) {
                socket.getOutputStream().write(preamble);
                socket.getOutputStream().flush();
            }
            Socket channel = socket;
            if (tls != null) {
                SSLSocket secure = (SSLSocket) tls.getSocketFactory().createSocket(socket, "localhost", port, false);
                secure.setUseClientMode(true);
                secure.startHandshake();
                channel = secure;
            }
            OutputStream out = channel.getOutputStream();
            out.write(bytes);
            out.flush();
            return parse(readUntilClosed(channel.getInputStream()));
        }
    }

    /** Opens a connection from {@code source}, for tests that send their bytes piece by piece. */
    public static Socket connect(String source, int port) throws IOException {
        Socket socket = new Socket();
        socket.bind(new InetSocketAddress(source, 0));
        socket.connect(new InetSocketAddress("127.0.0.1", port), TIMEOUT_MILLIS);
        socket.setSoTimeout(TIMEOUT_MILLIS);
        return socket;
    }

    /** Everything the server sends until it closes (a timeout counts as not closed: it throws). */
    public static String readUntilClosed(InputStream in) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buffer = new byte[8192];
        try {
            int n;
            while ((n = in.read(buffer)) >= 0) {
                out.write(buffer, 0, n);
            }
        } catch (SocketTimeoutException e) {
            throw new IOException("the server neither answered nor closed the connection", e);
        } catch (IOException reset) {
            // a reset after what was sent leaves what was read
        }
        return out.toString(StandardCharsets.ISO_8859_1);
    }

    private static Answer parse(String text) {
        int end = text.indexOf("\r\n\r\n");
        if (!text.startsWith("HTTP/1.1 ") || end < 0) {
            return new Answer(0, text, "");
        }
        int status = Integer.parseInt(text.substring(9, 12));
        return new Answer(status, text.substring(0, end), text.substring(end + 4));
    }
}

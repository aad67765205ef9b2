package dev.polygate.edge.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;

/** Sends bytes that no well-behaved client would send, and reads what comes back until the server closes. */
public final class RawHttp {
    private RawHttp() {
    }

    /** Writes {@code request} and returns everything the server sends within a few seconds. */
    public static String exchange(int port, String request) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(3000);
            socket.getOutputStream().write(request.getBytes(StandardCharsets.ISO_8859_1));
            socket.getOutputStream().flush();
            return readUntilClosed(socket.getInputStream());
        }
    }

    private static String readUntilClosed(InputStream in) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buffer = new byte[8192];
        try {
            int n;
            while ((n = in.read(buffer)) >= 0) {
                out.write(buffer, 0, n);
            }
        } catch (SocketTimeoutException e) {
            // the server kept the connection open: what arrived so far is the answer
        } catch (IOException e) {
            // a reset after the answer still leaves the answer readable
        }
        return out.toString(StandardCharsets.ISO_8859_1);
    }
}

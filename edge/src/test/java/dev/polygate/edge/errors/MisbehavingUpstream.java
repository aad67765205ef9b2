package dev.polygate.edge.errors;

import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A backend on a real socket that fails the gateway on purpose: it either never answers, or starts an answer and
 * drops the connection in the middle of it. It speaks just enough HTTP/1.1 and HTTP/2 (prior knowledge) for the
 * gateway to reach the point of failure; which one is told by the client preface.
 */
final class MisbehavingUpstream implements AutoCloseable {
    enum Behaviour { SILENT, CUT }

    private static final byte[] PREFACE = "PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n".getBytes(StandardCharsets.US_ASCII);
    private static final int HEADERS = 1;

    private final Behaviour behaviour;
    private final ServerSocket server;
    private final List<Socket> accepted = new CopyOnWriteArrayList<>();

    MisbehavingUpstream(Behaviour behaviour) throws IOException {
        this.behaviour = behaviour;
        this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread acceptor = new Thread(this::accept, "misbehaving-upstream");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    int port() {
        return server.getLocalPort();
    }

    private void accept() {
        while (!server.isClosed()) {
            try {
                Socket socket = server.accept();
                accepted.add(socket);
                Thread connection = new Thread(() -> serve(socket), "misbehaving-upstream-connection");
                connection.setDaemon(true);
                connection.start();
            } catch (IOException closed) {
                return;
            }
        }
    }

    private void serve(Socket socket) {
        try (socket) {
            DataInputStream in = new DataInputStream(socket.getInputStream());
            OutputStream out = socket.getOutputStream();
            byte[] start = new byte[PREFACE.length];
            in.readFully(start);
            boolean http2 = Arrays.equals(start, PREFACE);
            if (http2) {
                out.write(frame(4, 0, 0, new byte[0])); // the server's SETTINGS: the connection is up
                out.flush();
                awaitHeaders(in);
            } else {
                awaitHeadEnd(in);
            }
            if (behaviour == Behaviour.SILENT) {
                in.transferTo(OutputStream.nullOutputStream());
                return;
            }
            // CUT: the start of a successful answer, then the connection ends
            if (http2) {
                byte[] contentType = "application/grpc".getBytes(StandardCharsets.US_ASCII);
                byte[] headerBlock = new byte[4 + contentType.length];
                headerBlock[0] = (byte) 0x88; // :status 200, indexed
                headerBlock[1] = 0x0f;        // content-type (static index 31), literal value without indexing
                headerBlock[2] = 0x10;
                headerBlock[3] = (byte) contentType.length;
                System.arraycopy(contentType, 0, headerBlock, 4, contentType.length);
                out.write(frame(HEADERS, 0x4, 1, headerBlock));
                out.write(frame(0, 0, 1, new byte[] {0, 0, 0, 0, 100, 1, 2, 3})); // a message of 100 bytes, begun
            } else {
                out.write(("HTTP/1.1 200 OK\r\ncontent-type: text/xml\r\ncontent-length: 1000\r\n\r\n<partial")
                        .getBytes(StandardCharsets.US_ASCII));
            }
            out.flush();
        } catch (IOException gone) {
            // the gateway gave up first: nothing to clean up but the socket
        }
    }

    /** Reads HTTP/2 frames until the first HEADERS frame (the request) has come. */
    private static void awaitHeaders(DataInputStream in) throws IOException {
        while (true) {
            int length = (in.readUnsignedByte() << 16) | in.readUnsignedShort();
            int type = in.readUnsignedByte();
            in.skipNBytes(1 + 4 + length);
            if (type == HEADERS) {
                return;
            }
        }
    }

    /** Reads an HTTP/1.1 request head (the 24 bytes already read included) up to its empty line. */
    private static void awaitHeadEnd(InputStream in) throws IOException {
        int matched = 0;
        while (matched < 4) {
            int b = in.read();
            if (b < 0) {
                throw new EOFException();
            }
            matched = (b == (matched % 2 == 0 ? '\r' : '\n')) ? matched + 1 : (b == '\r' ? 1 : 0);
        }
    }

    private static byte[] frame(int type, int flags, int stream, byte[] payload) {
        byte[] frame = new byte[9 + payload.length];
        frame[0] = (byte) (payload.length >>> 16);
        frame[1] = (byte) (payload.length >>> 8);
        frame[2] = (byte) payload.length;
        frame[3] = (byte) type;
        frame[4] = (byte) flags;
        frame[5] = (byte) (stream >>> 24);
        frame[6] = (byte) (stream >>> 16);
        frame[7] = (byte) (stream >>> 8);
        frame[8] = (byte) stream;
        System.arraycopy(payload, 0, frame, 9, payload.length);
        return frame;
    }

    @Override
    public void close() throws IOException {
        server.close();
        for (Socket socket : accepted) {
            socket.close();
        }
    }
}

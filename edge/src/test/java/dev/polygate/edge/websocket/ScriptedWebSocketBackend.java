package dev.polygate.edge.websocket;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;

/**
 * A misbehaving WebSocket backend on a plain socket, one behaviour per request path: {@code /status/N} answers the
 * handshake with status N, a path with {@code silent} never answers, {@code /bad/masked} and {@code /bad/rsv} accept the
 * handshake and then send a masked frame or a frame with RSV1 set (both forbidden to a server).
 */
final class ScriptedWebSocketBackend implements AutoCloseable {
    private final ServerSocket server;
    private final CopyOnWriteArrayList<Socket> sockets = new CopyOnWriteArrayList<>();
    /** Counted down when a connection of this backend ends. */
    final CountDownLatch closed = new CountDownLatch(1);

    ScriptedWebSocketBackend() throws IOException {
        server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread acceptor = new Thread(this::acceptAll, "scripted-ws-backend");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    int port() {
        return server.getLocalPort();
    }

    private void acceptAll() {
        while (!server.isClosed()) {
            try {
                Socket socket = server.accept();
                sockets.add(socket);
                Thread session = new Thread(() -> serve(socket), "scripted-ws-session");
                session.setDaemon(true);
                session.start();
            } catch (IOException e) {
                return;
            }
        }
    }

    private void serve(Socket socket) {
        try (socket) {
            InputStream in = socket.getInputStream();
            OutputStream out = socket.getOutputStream();
            String head = readHead(in);
            String path = head.substring(head.indexOf(' ') + 1, head.indexOf(' ', head.indexOf(' ') + 1));
            String key = head.lines().filter(l -> l.toLowerCase().startsWith("sec-websocket-key:")).findFirst()
                    .map(l -> l.substring(18).trim()).orElse("");
            if (path.startsWith("/status/")) {
                String body = "{\"error\":\"no WebSocket for you\"}";
                out.write(("HTTP/1.1 " + path.substring(8) + " Nope\r\nContent-Type: application/json\r\nContent-Length: "
                        + body.length() + "\r\n\r\n" + body).getBytes(StandardCharsets.ISO_8859_1));
                out.flush();
            } else if (path.contains("silent")) {
                in.transferTo(OutputStream.nullOutputStream());
                return;
            } else if (path.startsWith("/bad/")) {
                out.write(("HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                        + "Sec-WebSocket-Accept: " + EdgeWebSocketUpgrade.acceptValue(key) + "\r\n\r\n")
                        .getBytes(StandardCharsets.ISO_8859_1));
                out.write(path.equals("/bad/masked")
                        ? RawWebSocket.encode(RawWebSocket.TEXT, true, 0, true, "masked".getBytes(StandardCharsets.UTF_8))
                        : RawWebSocket.encode(RawWebSocket.TEXT, true, 4, false, "rsv1".getBytes(StandardCharsets.UTF_8)));
                out.flush();
            }
            in.transferTo(OutputStream.nullOutputStream());
        } catch (IOException e) {
            // the gateway closed the connection
        } finally {
            closed.countDown();
        }
    }

    private static String readHead(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int b;
        while ((b = in.read()) >= 0) {
            head.write(b);
            if (head.size() >= 4 && head.toString(StandardCharsets.ISO_8859_1).endsWith("\r\n\r\n")) {
                break;
            }
        }
        return head.toString(StandardCharsets.ISO_8859_1);
    }

    @Override
    public void close() throws IOException {
        server.close();
        for (Socket socket : sockets) {
            socket.close();
        }
    }
}

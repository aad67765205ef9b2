package dev.polygate.edge.grpc;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A JDK {@link WebSocket} client that keeps what the server sends: whole text messages as strings, whole binary
 * messages as byte arrays, and the server's Close code.
 */
final class JdkSocket implements WebSocket.Listener, AutoCloseable {
    private final BlockingQueue<Object> received = new LinkedBlockingQueue<>();
    private final CompletableFuture<Integer> closed = new CompletableFuture<>();
    private final StringBuilder text = new StringBuilder();
    private java.io.ByteArrayOutputStream binary = new java.io.ByteArrayOutputStream();
    private WebSocket socket;

    /** Opens a session; {@code subprotocol} may be null; {@code headers} are name/value pairs. */
    static JdkSocket open(int port, String path, String subprotocol, String... headers) throws Exception {
        JdkSocket listener = new JdkSocket();
        WebSocket.Builder builder = HttpClient.newHttpClient().newWebSocketBuilder()
                .connectTimeout(Duration.ofSeconds(10));
        if (subprotocol != null) {
            builder.subprotocols(subprotocol);
        }
        for (int i = 0; i < headers.length; i += 2) {
            builder.header(headers[i], headers[i + 1]);
        }
        listener.socket = builder.buildAsync(URI.create("ws://127.0.0.1:" + port + path), listener)
                .get(10, TimeUnit.SECONDS);
        return listener;
    }

    WebSocket socket() {
        return socket;
    }

    void send(String message) throws Exception {
        socket.sendText(message, true).get(10, TimeUnit.SECONDS);
    }

    void send(byte[] message) throws Exception {
        socket.sendBinary(ByteBuffer.wrap(message), true).get(10, TimeUnit.SECONDS);
    }

    /** The next whole text message. */
    String nextText() throws Exception {
        Object next = received.poll(10, TimeUnit.SECONDS);
        if (!(next instanceof String message)) {
            throw new AssertionError("expected a text message, got " + next);
        }
        return message;
    }

    /** The next whole binary message. */
    byte[] nextBinary() throws Exception {
        Object next = received.poll(10, TimeUnit.SECONDS);
        if (!(next instanceof byte[] message)) {
            throw new AssertionError("expected a binary message, got " + next);
        }
        return message;
    }

    /** The server's Close code, once it came. */
    int closeCode() throws Exception {
        return closed.get(10, TimeUnit.SECONDS);
    }

    boolean nothingMore() {
        return received.isEmpty();
    }

    @Override
    public void onOpen(WebSocket webSocket) {
        webSocket.request(1);
    }

    @Override
    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
        text.append(data);
        if (last) {
            received.add(text.toString());
            text.setLength(0);
        }
        webSocket.request(1);
        return null;
    }

    @Override
    public CompletionStage<?> onBinary(WebSocket webSocket, ByteBuffer data, boolean last) {
        byte[] bytes = new byte[data.remaining()];
        data.get(bytes);
        binary.writeBytes(bytes);
        if (last) {
            received.add(binary.toByteArray());
            binary = new java.io.ByteArrayOutputStream();
        }
        webSocket.request(1);
        return null;
    }

    @Override
    public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
        closed.complete(statusCode);
        return null;
    }

    @Override
    public void onError(WebSocket webSocket, Throwable error) {
        closed.completeExceptionally(error);
    }

    @Override
    public void close() {
        socket.abort();
    }
}

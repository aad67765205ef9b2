package dev.polygate.interop;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import okhttp3.WebSocket;
import okhttp3.WebSocketListener;
import okio.ByteString;

/**
 * One OkHttp WebSocket session whose listener calls are recorded in order, for a test to take one by one. The
 * server's Close is answered at once; {@link #closing()} returns what it carried.
 */
final class OkHttpSession implements AutoCloseable {
    private static final Duration WAIT = Duration.ofSeconds(20);

    sealed interface Event permits Opened, Text, Binary, Closing, Closed, Failed {
    }

    record Opened(Response response) implements Event {
    }

    record Text(String text) implements Event {
    }

    record Binary(ByteString bytes) implements Event {
    }

    record Closing(int code, String reason) implements Event {
    }

    record Closed(int code, String reason) implements Event {
    }

    record Failed(Throwable failure, Response response) implements Event {
    }

    private final BlockingQueue<Event> events = new LinkedBlockingQueue<>();
    final WebSocket socket;
    final Response handshake;

    private OkHttpSession(OkHttpClient client, Request request) throws InterruptedException {
        socket = client.newWebSocket(request, new WebSocketListener() {
            @Override
            public void onOpen(WebSocket webSocket, Response response) {
                events.add(new Opened(response));
            }

            @Override
            public void onMessage(WebSocket webSocket, String text) {
                events.add(new Text(text));
            }

            @Override
            public void onMessage(WebSocket webSocket, ByteString bytes) {
                events.add(new Binary(bytes));
            }

            @Override
            public void onClosing(WebSocket webSocket, int code, String reason) {
                events.add(new Closing(code, reason));
                webSocket.close(1000, null); // the answering Close; ignored when this side closed first
            }

            @Override
            public void onClosed(WebSocket webSocket, int code, String reason) {
                events.add(new Closed(code, reason));
            }

            @Override
            public void onFailure(WebSocket webSocket, Throwable failure, Response response) {
                events.add(new Failed(failure, response));
            }
        });
        handshake = next(Opened.class).response();
    }

    /** Opens a session and waits for the handshake's answer. */
    static OkHttpSession open(OkHttpClient client, String url) throws InterruptedException {
        return new OkHttpSession(client, new Request.Builder().url(url).build());
    }

    /** The next event, which must be of {@code type}. */
    <T extends Event> T next(Class<T> type) throws InterruptedException {
        Event event = events.poll(WAIT.toMillis(), TimeUnit.MILLISECONDS);
        if (event instanceof Failed failed && type != Failed.class) {
            throw new AssertionError("expected " + type.getSimpleName() + ", the session failed", failed.failure());
        }
        assertThat(event).as("the next event of the session").isInstanceOf(type);
        return type.cast(event);
    }

    String text() throws InterruptedException {
        return next(Text.class).text();
    }

    ByteString binary() throws InterruptedException {
        return next(Binary.class).bytes();
    }

    Closing closing() throws InterruptedException {
        return next(Closing.class);
    }

    @Override
    public void close() {
        socket.cancel();
    }
}

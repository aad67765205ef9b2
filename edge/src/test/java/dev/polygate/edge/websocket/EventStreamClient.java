package dev.polygate.edge.websocket;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * Reads a text/event-stream as the HTML standard's EventSource parses it: {@code data:} lines joined with line
 * feeds, {@code event:} naming the type, comment lines kept apart, an empty line dispatching. The stream comes from
 * the JDK's HttpClient (HTTP/1.1 or HTTP/2) or from any input stream (curl's output).
 */
final class EventStreamClient implements AutoCloseable {
    /** One dispatched event; {@code type} is {@code message} when the stream named none. */
    record Event(String type, String data) {
    }

    /** Marks the end of the stream in {@link #events}. */
    static final Event END = new Event("(end)", "");

    final BlockingQueue<Event> events = new LinkedBlockingQueue<>();
    final BlockingQueue<String> comments = new LinkedBlockingQueue<>();
    private final InputStream stream;
    final HttpResponse<InputStream> response;

    private EventStreamClient(HttpResponse<InputStream> response, InputStream stream) {
        this.response = response;
        this.stream = stream;
        Thread reader = new Thread(this::readAll, "event-stream-reader");
        reader.setDaemon(true);
        reader.start();
    }

    static EventStreamClient open(HttpClient client, URI uri) throws Exception {
        HttpResponse<InputStream> response = client.send(HttpRequest.newBuilder(uri).header("Accept", "text/event-stream")
                .timeout(Duration.ofSeconds(20)).GET().build(), HttpResponse.BodyHandlers.ofInputStream());
        return new EventStreamClient(response, response.body());
    }

    static EventStreamClient of(InputStream stream) {
        return new EventStreamClient(null, stream);
    }

    private void readAll() {
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8))) {
            String type = null;
            List<String> data = new ArrayList<>();
            String line;
            while ((line = lines.readLine()) != null) {
                if (line.isEmpty()) {
                    if (!data.isEmpty()) {
                        events.add(new Event(type == null ? "message" : type, String.join("\n", data)));
                    }
                    type = null;
                    data.clear();
                } else if (line.startsWith(":")) {
                    comments.add(line);
                } else {
                    int colon = line.indexOf(':');
                    String field = colon < 0 ? line : line.substring(0, colon);
                    String value = colon < 0 ? "" : line.substring(colon + 1);
                    if (value.startsWith(" ")) {
                        value = value.substring(1);
                    }
                    if (field.equals("data")) {
                        data.add(value);
                    } else if (field.equals("event")) {
                        type = value;
                    }
                }
            }
        } catch (IOException e) {
            // the stream was closed
        } finally {
            events.add(END);
        }
    }

    Event next() throws InterruptedException {
        Event event = events.poll(20, TimeUnit.SECONDS);
        if (event == null) {
            throw new AssertionError("no event within 20 s");
        }
        return event;
    }

    /** The id the first event, {@code session}, gives. */
    String sessionId() throws InterruptedException {
        Event first = next();
        if (!first.type().equals("session")) {
            throw new AssertionError("the first event is not the session's id: " + first);
        }
        return first.data();
    }

    @Override
    public void close() throws IOException {
        stream.close();
    }
}

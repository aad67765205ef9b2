package dev.polygate.edge.grpc;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.polygate.edge.grpc.RestGateway.Answer;
import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.Socket;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Server streaming as NDJSON and SSE, read message by message while the backend is held between messages;
 * errors inside a started stream; client and bidirectional streaming from NDJSON and JSON-array bodies.
 */
final class StreamingTest {
    @TempDir
    static Path dir;
    static GrpcBackend backend;
    static RestGateway gateway;

    @BeforeAll
    static void start() throws Exception {
        backend = GrpcBackend.start();
        gateway = RestGateway.start(dir, backend.port(), "");
        for (String shelf : new String[] {"live", "sse", "quiet"}) {
            assertThat(gateway.post("/v1/shelves?requestId=" + shelf, "{\"theme\":\"t\"}").status()).isEqualTo(200);
        }
    }

    @AfterAll
    static void stop() throws Exception {
        gateway.close();
        backend.close();
    }

    /** Starts a streaming GET; the answer's head comes with the first message, so it is awaited after stepping. */
    private static CompletableFuture<HttpResponse<InputStream>> open(String path, String... headers) {
        return gateway.client().sendAsync(gateway.request("GET", path, null, headers).build(),
                HttpResponse.BodyHandlers.ofInputStream());
    }

    private static BufferedReader reader(CompletableFuture<HttpResponse<InputStream>> pending, String contentType)
            throws Exception {
        HttpResponse<InputStream> response = pending.get(10, TimeUnit.SECONDS);
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("content-type")).hasValue(contentType);
        return new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8));
    }

    @Test
    void ndjsonArrivesMessageByMessage() throws Exception {
        StreamSteps steps = backend.steps();
        steps.stepped("shelves/live");
        var pending = open("/v1/shelves/live:watch?maxEvents=3");
        steps.allow("shelves/live");
        try (BufferedReader lines = reader(pending, "application/x-ndjson")) {
            for (int i = 1; i <= 3; i++) {
                // The backend cannot send message i+1 until this line has been read.
                JsonNode event = RestGateway.JSON.readTree(lines.readLine());
                assertThat(event.get("kind").asText()).isEqualTo("BOOK_ADDED");
                assertThat(event.get("book").get("title").asText()).isEqualTo("Event " + i);
                assertThat(event.get("time").asText()).isEqualTo("2024-01-02T03:04:05.123Z");
                if (i < 3) {
                    steps.allow("shelves/live");
                }
            }
            assertThat(lines.readLine()).as("the stream ends after the last message").isNull();
        }
    }

    @Test
    void aClientLeavingMidStreamCancelsTheBackendCall() throws Exception {
        StreamSteps steps = backend.steps();
        steps.stepped("shelves/quiet");
        // A raw socket, so that leaving means closing the connection, whatever a client library would do.
        try (Socket socket = new Socket("127.0.0.1", gateway.gateway().httpPort())) {
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write(("GET /v1/shelves/quiet:watch?maxEvents=5 HTTP/1.1\r\nHost: x\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            steps.allow("shelves/quiet");
            BufferedReader lines = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
            String line;
            while ((line = lines.readLine()) != null && !line.contains("Event 1")) {
                assertThat(line).doesNotContain("Event 2");
            }
            assertThat(line).contains("Event 1");
        }
        assertThat(steps.awaitCancelledStream()).isTrue();
        steps.allow("shelves/quiet");
        assertThat(gateway.get("/v1/shelves/quiet").status()).isEqualTo(200);
    }

    @Test
    void serverSentEventsArriveEventByEvent() throws Exception {
        StreamSteps steps = backend.steps();
        steps.stepped("shelves/sse");
        var pending = open("/v1/shelves/sse:watch?maxEvents=2", "accept", "text/event-stream");
        steps.allow("shelves/sse");
        try (BufferedReader lines = reader(pending, "text/event-stream")) {
            assertThat(lines.readLine()).startsWith("data: {\"shelf\":\"shelves/sse\"").contains("Event 1");
            assertThat(lines.readLine()).isEmpty();
            steps.allow("shelves/sse");
            assertThat(lines.readLine()).startsWith("data: ").contains("Event 2");
            assertThat(lines.readLine()).isEmpty();
            assertThat(lines.readLine()).isNull();
        }
    }

    @Test
    void anErrorAfterTheFirstMessageEndsTheNdjsonStreamWithAnErrorObject() throws Exception {
        String key = "status:ABORTED";
        backend.steps().stepped(key);
        var pending = open("/v1/everything:stream?int32Value=2&stringValue=" + key);
        backend.steps().allow(key);
        try (BufferedReader lines = reader(pending, "application/x-ndjson")) {
            assertThat(RestGateway.JSON.readTree(lines.readLine()).get("int32Value").asInt()).isEqualTo(1);
            backend.steps().allow(key);
            assertThat(RestGateway.JSON.readTree(lines.readLine()).get("int32Value").asInt()).isEqualTo(2);
            assertThat(lines.readLine()).isEqualTo(
                    "{\"error\":{\"code\":10,\"message\":\"failed after 2 message(s)\",\"details\":[]}}");
            assertThat(lines.readLine()).isNull();
        }
    }

    @Test
    void anErrorInsideAnSseStreamIsAnErrorEvent() throws Exception {
        String key = "status:INVALID_ARGUMENT";
        var pending = open("/v1/everything:stream?int32Value=1&stringValue=" + key, "accept", "text/event-stream");
        try (BufferedReader lines = reader(pending, "text/event-stream")) {
            assertThat(lines.readLine()).startsWith("data: {\"int32Value\":1");
            assertThat(lines.readLine()).isEmpty();
            assertThat(lines.readLine()).isEqualTo("event: error");
            JsonNode error = RestGateway.JSON.readTree(lines.readLine().substring("data: ".length()));
            assertThat(error.get("error").get("code").asInt()).isEqualTo(3);
            assertThat(error.get("error").get("details").get(0).get("@type").asText())
                    .isEqualTo("type.googleapis.com/google.rpc.BadRequest");
            assertThat(lines.readLine()).isEmpty();
            assertThat(lines.readLine()).isNull();
        }
    }

    @Test
    void anErrorBeforeTheFirstMessageIsAPlainStatusAnswer() throws Exception {
        Answer missing = gateway.get("/v1/shelves/nowhere:watch?maxEvents=1");
        assertThat(missing.status()).isEqualTo(404);
        assertThat(missing.json().get("code").asInt()).isEqualTo(5);
    }

    @Test
    void aStreamWithoutMessagesIsAnEmptyBody() throws Exception {
        Answer empty = gateway.get("/v1/shelves/quiet:watch?maxEvents=0");
        assertThat(empty.status()).isEqualTo(200);
        assertThat(empty.header("content-type")).isEqualTo("application/x-ndjson");
        assertThat(empty.body()).isEmpty();
    }

    @Test
    void clientStreamingFromNdjson() throws Exception {
        gateway.post("/v1/shelves?requestId=imports", "{\"theme\":\"t\"}");
        Answer imported = gateway.send("POST", "/v1/shelves/imports/books:import",
                "{\"title\":\"One\"}\n\n{\"title\":\"Two\",\"genre\":\"SCIENCE\"}\n", "content-type", "application/x-ndjson");
        assertThat(imported.status()).as(imported.body()).isEqualTo(200);
        assertThat(imported.json().get("imported").asInt()).isEqualTo(2);
        assertThat(imported.json().get("names")).hasSize(2);
        assertThat(gateway.get("/v1/shelves/imports").json().get("bookCount").asText()).isEqualTo("2");
    }

    @Test
    void clientStreamingFromAJsonArray() throws Exception {
        gateway.post("/v1/shelves?requestId=array-imports", "{\"theme\":\"t\"}");
        Answer imported = gateway.post("/v1/shelves/array-imports/books:import",
                "[{\"title\":\"A\"},{\"title\":\"B\"},{\"title\":\"C\"}]");
        assertThat(imported.status()).as(imported.body()).isEqualTo(200);
        assertThat(imported.json().get("imported").asInt()).isEqualTo(3);
        Answer none = gateway.post("/v1/shelves/array-imports/books:import", "[]");
        assertThat(none.status()).isEqualTo(200);
        assertThat(none.body()).as("zero messages, then the backend's answer").isEqualTo("{}");
    }

    @Test
    void clientStreamingErrorsFromTheBackendAndFromBadLines() throws Exception {
        gateway.post("/v1/shelves?requestId=bad-imports", "{\"theme\":\"t\"}");
        Answer untitled = gateway.post("/v1/shelves/bad-imports/books:import", "[{\"title\":\"A\"},{}]");
        assertThat(untitled.status()).isEqualTo(400);
        assertThat(untitled.json().get("message").asText()).isEqualTo("invalid book.title");
        Answer malformed = gateway.send("POST", "/v1/shelves/bad-imports/books:import", "{\"title\":\"A\"}\n{\"title\":\n",
                "content-type", "application/x-ndjson");
        assertThat(malformed.status()).isEqualTo(400);
        assertThat(malformed.json().get("code").asInt()).isEqualTo(3);
        assertThat(gateway.get("/v1/shelves/bad-imports").json().get("bookCount").asText())
                .as("nothing of the malformed body reached the backend").isEqualTo("1");
    }

    @Test
    void bidirectionalStreamingAppliesThePathToEveryMessage() throws Exception {
        Answer chat = gateway.send("POST", "/v1/rooms/lobby:chat", "{\"text\":\"hi\"}\n{\"text\":\"bye\"}\n",
                "content-type", "application/x-ndjson");
        assertThat(chat.status()).isEqualTo(200);
        assertThat(chat.header("content-type")).isEqualTo("application/x-ndjson");
        String[] lines = chat.body().split("\n");
        assertThat(lines).hasSize(2);
        assertThat(RestGateway.JSON.readTree(lines[0]).get("room").asText()).isEqualTo("lobby");
        assertThat(RestGateway.JSON.readTree(lines[1]).get("text").asText()).isEqualTo("re: bye");
    }
}

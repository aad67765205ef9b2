package dev.polygate.edge.grpc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * gRPC methods called over a WebSocket with JSON messages, through a real gateway to a real grpc-java backend:
 * unary calls answered in order with errors in their place, server, client and bidirectional streaming with the
 * empty message as half-close, bad messages, metadata, cancellation when the client leaves, and the deadline.
 */
final class WebSocketCallsTest {
    @TempDir
    static Path dir;
    static GrpcBackend backend;
    static RestGateway gateway;

    @BeforeAll
    static void start() throws Exception {
        backend = GrpcBackend.start();
        gateway = RestGateway.start(dir, backend.port(), "");
        for (String shelf : new String[] {"ws", "imports", "quiet", "late"}) {
            assertThat(gateway.post("/v1/shelves?requestId=" + shelf, "{\"theme\":\"t\"}").status()).isEqualTo(200);
        }
    }

    @AfterAll
    static void stop() throws Exception {
        gateway.close();
        backend.close();
    }

    private static JdkSocket open(String path, String... headers) throws Exception {
        return JdkSocket.open(gateway.gateway().httpPort(), path, null, headers);
    }

    private static JsonNode json(String text) throws Exception {
        return RestGateway.JSON.readTree(text);
    }

    @Test
    void unaryCallsAreAnsweredInOrderAndAFailedOneDoesNotEndTheSession() throws Exception {
        try (JdkSocket socket = open("/v1/everything:echo")) {
            socket.send("{\"stringValue\":\"first\"}");
            socket.send("not json");
            socket.send("{\"int32Value\":\"many\"}");
            socket.send("{\"noSuchField\":1}");
            socket.send("{\"stringValue\":\"last\"}");
            assertThat(json(socket.nextText()).get("stringValue").asText()).isEqualTo("first");
            for (int i = 0; i < 3; i++) {
                JsonNode error = json(socket.nextText()).get("error");
                assertThat(error.get("code").asInt()).as("INVALID_ARGUMENT").isEqualTo(3);
                assertThat(error.get("message").asText()).isNotEmpty();
            }
            assertThat(json(socket.nextText()).get("stringValue").asText()).isEqualTo("last");
            socket.send("");
            assertThat(socket.closeCode()).isEqualTo(1000);
        }
    }

    @Test
    void manyUnaryCallsInFlightComeBackInOrder() throws Exception {
        try (JdkSocket socket = open("/polygate.test.v1.Library/Ping")) {
            for (int i = 0; i < 40; i++) {
                socket.send("{\"message\":\"m" + i + "\"}");
            }
            for (int i = 0; i < 40; i++) {
                assertThat(json(socket.nextText()).get("message").asText()).isEqualTo("pong: m" + i);
            }
        }
    }

    @Test
    void aBackendErrorIsAnErrorMessageAndTheNextCallGoesOn() throws Exception {
        try (JdkSocket socket = open("/v1/shelves/missing", "authorization", "Bearer ws-token")) {
            socket.send("{}");
            JsonNode error = json(socket.nextText()).get("error");
            assertThat(error.get("code").asInt()).as("NOT_FOUND").isEqualTo(5);
            assertThat(backend.probe().last().header("authorization")).isEqualTo("Bearer ws-token");
            socket.send("{}");
            assertThat(json(socket.nextText()).get("error").get("code").asInt()).isEqualTo(5);
        }
        try (JdkSocket socket = open("/v1/shelves/ws")) {
            socket.send("{}");
            assertThat(json(socket.nextText()).get("name").asText()).isEqualTo("shelves/ws");
        }
    }

    @Test
    void serverStreamingSendsEachMessageThenClosesWith1000() throws Exception {
        try (JdkSocket socket = open("/v1/shelves/ws:watch?maxEvents=3")) {
            socket.send("");
            for (int i = 1; i <= 3; i++) {
                JsonNode event = json(socket.nextText());
                assertThat(event.get("book").get("title").asText()).isEqualTo("Event " + i);
            }
            assertThat(socket.closeCode()).isEqualTo(1000);
            assertThat(socket.nothingMore()).isTrue();
        }
        try (JdkSocket socket = open("/v1/shelves/ws:watch")) {
            socket.send("{\"maxEvents\":2}");
            assertThat(json(socket.nextText()).get("book").get("title").asText()).isEqualTo("Event 1");
            assertThat(json(socket.nextText()).get("book").get("title").asText()).isEqualTo("Event 2");
            assertThat(socket.closeCode()).isEqualTo(1000);
        }
    }

    @Test
    void aFailedStreamEndsWithAnErrorMessageAndTheStatusCloseCode() throws Exception {
        try (JdkSocket socket = open("/v1/shelves/none:watch")) {
            socket.send("{\"maxEvents\":2}");
            assertThat(json(socket.nextText()).get("error").get("code").asInt()).isEqualTo(5);
            assertThat(socket.closeCode()).as("NOT_FOUND is a refusal: 1008").isEqualTo(1008);
        }
    }

    @Test
    void clientStreamingEndsWithTheEmptyMessage() throws Exception {
        try (JdkSocket socket = open("/v1/shelves/imports/books:import")) {
            socket.send("{\"title\":\"A\"}");
            socket.send("{\"title\":\"B\"}");
            socket.send("");
            JsonNode answer = json(socket.nextText());
            assertThat(answer.get("imported").asInt()).isEqualTo(2);
            assertThat(answer.get("names")).hasSize(2);
            assertThat(socket.closeCode()).isEqualTo(1000);
        }
    }

    @Test
    void bidirectionalMessagesInterleave() throws Exception {
        try (JdkSocket socket = open("/v1/rooms/lobby:chat")) {
            for (String text : new String[] {"hello", "again"}) {
                socket.send("{\"text\":\"" + text + "\"}");
                JsonNode reply = json(socket.nextText());
                assertThat(reply.get("text").asText()).isEqualTo("re: " + text);
                assertThat(reply.get("room").asText()).as("the path binds every message").isEqualTo("lobby");
            }
            socket.send("");
            assertThat(socket.closeCode()).isEqualTo(1000);
        }
    }

    @Test
    void aWrongMessageEndsAStreamingCallWithInvalidArgument() throws Exception {
        try (JdkSocket socket = open("/v1/rooms/lobby:chat")) {
            socket.send("{\"text\":\"fine\"}");
            assertThat(json(socket.nextText()).get("text").asText()).isEqualTo("re: fine");
            socket.send("{\"sentTime\":\"yesterday\"}");
            assertThat(json(socket.nextText()).get("error").get("code").asInt()).isEqualTo(3);
            assertThat(socket.closeCode()).isEqualTo(1007);
        }
    }

    @Test
    void theClientClosingCancelsTheBackendCall() throws Exception {
        StreamSteps steps = backend.steps();
        steps.stepped("shelves/quiet");
        try (JdkSocket socket = open("/v1/shelves/quiet:watch?maxEvents=5")) {
            socket.send("");
            steps.allow("shelves/quiet");
            assertThat(json(socket.nextText()).get("book").get("title").asText()).isEqualTo("Event 1");
            socket.socket().sendClose(1000, "bye").get();
            assertThat(socket.closeCode()).isEqualTo(1000);
        }
        assertThat(steps.awaitCancelledStream()).isTrue();
        steps.allow("shelves/quiet");
    }

    @Test
    void theDeadlineEndsTheCall() throws Exception {
        StreamSteps steps = backend.steps();
        steps.stepped("shelves/late");
        try (JdkSocket socket = open("/v1/shelves/late:watch?maxEvents=5", "grpc-timeout", "300m")) {
            socket.send("");
            JsonNode error = json(socket.nextText()).get("error");
            assertThat(error.get("code").asInt()).as("DEADLINE_EXCEEDED").isEqualTo(4);
            assertThat(socket.closeCode()).isEqualTo(1011);
        }
        assertThat(backend.probe().last().deadlineMillis()).isBetween(0L, 300L);
        assertThat(steps.awaitCancelledStream()).isTrue();
        steps.allow("shelves/late");
    }

    @Test
    void aPathWithoutAnOperationIsRefused() throws Exception {
        assertThatThrownBy(() -> open("/v1/nothing/here")).hasRootCauseMessage(
                "Unexpected HTTP response status code 404");
    }
}

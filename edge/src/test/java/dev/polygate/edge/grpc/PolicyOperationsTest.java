package dev.polygate.edge.grpc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.polygate.edge.testing.RunningGateway;
import dev.polygate.wsdl.SoapServices;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.nio.file.Path;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Route policies on message-model routes: they see the operation a request calls whatever protocol the client
 * speaks (REST transcoding, gRPC-Web, a WebSocket on the REST or gRPC path, SOAP over REST), and their refusals
 * reach each client in the route's own dialect with the refusal's headers. The route policy refuses every call
 * and describes, in {@code x-seen-r}, what the exchange's context held.
 */
final class PolicyOperationsTest {
    @TempDir
    static Path dir;
    static GrpcBackend backend;
    static SoapServices soap;
    static RunningGateway gateway;
    static final HttpClient CLIENT = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @BeforeAll
    static void start() throws Exception {
        backend = GrpcBackend.start();
        soap = SoapServices.start();
        gateway = RunningGateway.start(dir, null, """
                upstreams:
                  grpc: { endpoints: [ "h2c://127.0.0.1:%d" ] }
                  soap: { endpoints: [ "http://127.0.0.1:%d" ] }
                routes:
                  - name: calculator
                    match: { paths: [ "/calculator/**", "/soap.calculator.Calculator/*" ] }
                    translator: soap
                    backend: { upstream: soap, wsdl: "%s", prefix: /calculator }
                    policies:
                      - testGate: { tag: r, mode: reject }
                  - name: library
                    match: { prefix: "/" }
                    translator: grpc
                    backend: { upstream: grpc, schema: { descriptorSets: [ "%s" ] } }
                    policies:
                      - testGate: { tag: r, mode: reject }
                """.formatted(backend.port(), soap.port(), soap.wsdl(SoapServices.CALCULATOR),
                RestGateway.descriptorSet(dir)));
    }

    @AfterAll
    static void stop() throws Exception {
        gateway.close();
        soap.close();
        backend.close();
    }

    private static HttpResponse<String> send(String method, String path, String contentType, byte[] body)
            throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + gateway.httpPort() + path))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofByteArray(body));
        if (contentType != null) {
            request.header("content-type", contentType);
        }
        return CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String seen(HttpResponse<?> response) {
        return response.headers().firstValue("x-seen-r").orElse("");
    }

    @Test
    void aTranscodedRestCallIsRefusedAsGoogleRpcStatusJsonNamingItsOperation() throws Exception {
        HttpResponse<String> refused = send("GET", "/v1/shelves/poetry", null, null);
        assertThat(refused.statusCode()).isEqualTo(401);
        assertThat(refused.headers().firstValue("content-type")).hasValue("application/json");
        assertThat(RestGateway.JSON.readTree(refused.body()).get("code").asInt()).isEqualTo(16);
        assertThat(refused.body()).contains("refused by r");
        assertThat(refused.headers().firstValue("www-authenticate")).hasValue("Test realm=\"r\"");
        assertThat(seen(refused)).contains("route=library;operation=polygate.test.v1.Library/GetShelf;");

        HttpResponse<String> head = send("HEAD", "/v1/shelves/poetry", null, null);
        assertThat(seen(head)).as("HEAD names the GET operation").contains("operation=polygate.test.v1.Library/GetShelf;");

        HttpResponse<String> unbound = send("DELETE", "/v1/nothing/here", null, null);
        assertThat(unbound.statusCode()).as("still refused: the policy runs for every request of the route")
                .isEqualTo(401);
        assertThat(seen(unbound)).contains("operation=;");
    }

    @Test
    void aGrpcWebCallIsRefusedWithItsGrpcStatusNamingItsOperation() throws Exception {
        HttpResponse<String> refused = send("POST", "/polygate.test.v1.Library/GetShelf",
                "application/grpc-web+proto", new byte[] {0, 0, 0, 0, 0});
        assertThat(refused.statusCode()).isEqualTo(200);
        assertThat(refused.headers().firstValue("grpc-status")).hasValue("16");
        assertThat(refused.headers().firstValue("www-authenticate")).hasValue("Test realm=\"r\"");
        assertThat(seen(refused)).contains("operation=polygate.test.v1.Library/GetShelf;");
    }

    @Test
    void aWebSocketHandshakeIsRefusedNamingTheOperationOfItsPathAndSubprotocol() throws Exception {
        for (String[] attempt : new String[][] {
                {"/v1/shelves/poetry", "json", "polygate.test.v1.Library/GetShelf"},
                {"/polygate.test.v1.Library/ListShelves", "grpc-websockets", "polygate.test.v1.Library/ListShelves"},
                {"/calculator/Add", "json", "soap.calculator.Calculator/Add"}}) {
            CompletionException failed = catchThrowableOfType(() -> CLIENT.newWebSocketBuilder()
                    .subprotocols(attempt[1])
                    .buildAsync(URI.create("ws://127.0.0.1:" + gateway.httpPort() + attempt[0]),
                            new WebSocket.Listener() { }).join(), CompletionException.class);
            assertThat(failed.getCause()).as(attempt[0]).isInstanceOf(WebSocketHandshakeException.class);
            HttpResponse<?> answer = ((WebSocketHandshakeException) failed.getCause()).getResponse();
            assertThat(answer.statusCode()).as(attempt[0]).isEqualTo(401);
            assertThat(answer.headers().firstValue("www-authenticate")).hasValue("Test realm=\"r\"");
            assertThat(seen(answer)).as(attempt[0]).contains("operation=" + attempt[2] + ";");
        }
    }

    @Test
    void aSoapOperationOverRestIsRefusedInTheRoutesOwnDialect() throws Exception {
        HttpResponse<String> refused = send("POST", "/calculator/Add", "application/json",
                "{\"intA\":1,\"intB\":2}".getBytes(java.nio.charset.StandardCharsets.UTF_8));
        assertThat(refused.statusCode()).isEqualTo(401);
        assertThat(refused.headers().firstValue("content-type")).hasValue("application/problem+json");
        assertThat(RestGateway.JSON.readTree(refused.body()).get("code").asText()).isEqualTo("UNAUTHENTICATED");
        assertThat(refused.headers().firstValue("www-authenticate")).hasValue("Test realm=\"r\"");
        assertThat(seen(refused)).contains("route=calculator;operation=soap.calculator.Calculator/Add;");
    }
}

package dev.polygate.interop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.protobuf.Descriptors;
import com.google.protobuf.DynamicMessage;
import com.google.protobuf.InvalidProtocolBufferException;
import dev.polygate.demo.greeter.v1.GreeterGrpc;
import dev.polygate.demo.greeter.v1.HelloReply;
import dev.polygate.demo.greeter.v1.HelloRequest;
import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.netty.shaded.io.grpc.netty.GrpcSslContexts;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.reflection.v1.ServerReflectionGrpc;
import io.grpc.reflection.v1.ServerReflectionRequest;
import io.grpc.reflection.v1.ServerReflectionResponse;
import io.grpc.reflection.v1.ServiceResponse;
import io.grpc.stub.StreamObserver;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code gateway demo} on a fresh directory: no setup, translation through the embedded backends. The Greeter
 * is called as REST/JSON, native gRPC, gRPC-Web and JSON over WebSocket, the SOAP Calculator as REST/JSON, native
 * gRPC and JSON over WebSocket, and the WebSocket echo through the passthrough, each by a client that knows
 * nothing of the gateway (python3-websockets for the WebSocket sessions), and each service through its one route.
 */
@Timeout(value = 2, unit = TimeUnit.MINUTES)
class DemoTest {
    private static final String GREETER = "/demo.greeter.v1.Greeter/";
    private static final HttpClient H1 = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10)).build();

    @TempDir
    static Path workDir;
    private static GatewayProcess demo;
    private static String http;

    @BeforeAll
    static void startDemo() throws Exception {
        demo = GatewayProcess.startIn(workDir, List.of(), "demo", "--http-port", "0", "--https-port", "0",
                "--admin-port", "0");
        http = "http://localhost:" + demo.port("http");
    }

    @AfterAll
    static void stopDemo() throws Exception {
        if (demo != null) {
            demo.close();
        }
    }

    @Test
    void theDemoAnswersOverHttp11H2cAndH2WithTheDevelopmentCa() throws Exception {
        HttpResponse<String> hello = send(H1, http + "/api/hello");
        assertThat(hello.statusCode()).isEqualTo(200);
        assertThat(hello.body()).contains("hello from the demo backend");
        assertThat(hello.headers().firstValue("x-served-by")).hasValue("polygate-demo");

        HttpResponse<String> upgraded = send(HttpClient.newBuilder().version(HttpClient.Version.HTTP_2).build(),
                http + "/api/headers");
        assertThat(upgraded.version()).isEqualTo(HttpClient.Version.HTTP_2);
        assertThat(upgraded.body()).contains("\"x-gateway\":\"polygate\"", "\"x-forwarded-proto\":\"http\"");

        assertThat(demo.output()).contains("development CA: ");
        HttpResponse<String> secure = send(h2OverTls(), "https://localhost:" + demo.port("https") + "/api/hello");
        assertThat(secure.version()).isEqualTo(HttpClient.Version.HTTP_2);
        assertThat(secure.statusCode()).isEqualTo(200);

        HttpResponse<String> missing = send(H1, http + "/nowhere");
        assertThat(missing.statusCode()).isEqualTo(404);
        assertThat(missing.headers().firstValue("content-type")).hasValue("application/problem+json");
    }

    @Test
    void theSecuredHelloWantsTheDemoKeyOrTokenAndLimitsTheConsumer() throws Exception {
        HttpResponse<String> anonymous = send(H1, http + "/secure/hello");
        assertThat(anonymous.statusCode()).isEqualTo(401);
        assertThat(anonymous.headers().allValues("www-authenticate"))
                .anySatisfy(challenge -> assertThat(challenge).startsWith("ApiKey"))
                .anySatisfy(challenge -> assertThat(challenge).startsWith("Bearer"));
        assertThat(send(H1, http + "/secure/hello", "x-api-key", "not-the-key").statusCode()).isEqualTo(401);

        HttpResponse<String> keys = send(H1, http + "/.well-known/jwks.json");
        assertThat(keys.statusCode()).isEqualTo(200);
        assertThat(keys.body()).contains("\"kty\":\"RSA\"").doesNotContain("\"d\":");
        java.util.regex.Matcher printed = java.util.regex.Pattern
                .compile("eyJ[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+").matcher(demo.output());
        assertThat(printed.find()).as("the demo prints a token at start").isTrue();
        HttpResponse<String> withToken = send(H1, http + "/secure/hello", "authorization", "Bearer " + printed.group());
        assertThat(withToken.statusCode()).isEqualTo(200);
        assertThat(withToken.body()).contains("hello from the demo backend");

        // The token and the key are the same consumer's: 5 requests per 10 seconds in all, then 429.
        int allowed = 1;
        HttpResponse<String> answer;
        while (true) {
            answer = send(H1, http + "/secure/hello", "x-api-key", "demo-key");
            if (answer.statusCode() != 200) {
                break;
            }
            allowed++;
            assertThat(answer.headers().firstValue("ratelimit")).isPresent();
            assertThat(answer.headers().firstValue("ratelimit-policy")).hasValueSatisfying(
                    policy -> assertThat(policy).contains("\"demo\"", "q=5", "w=10"));
            assertThat(allowed).as("requests let through before the first 429").isLessThanOrEqualTo(5);
        }
        assertThat(answer.statusCode()).isEqualTo(429);
        assertThat(answer.headers().firstValue("retry-after")).isPresent();
        assertThat(answer.headers().firstValue("ratelimit")).hasValueSatisfying(
                state -> assertThat(state).contains("\"demo\"", "r=0"));
    }

    @Test
    void theGreeterAnswersRestJsonOverHttpAndHttps() throws Exception {
        HttpResponse<String> cleartext = send(H1, http + "/v1/greeter/world");
        HttpResponse<String> secure = send(h2OverTls(), "https://localhost:" + demo.port("https") + "/v1/greeter/world");

        for (HttpResponse<String> response : List.of(cleartext, secure)) {
            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.headers().firstValue("content-type")).hasValue("application/json");
            assertThat(response.body()).isEqualTo("{\"message\":\"Hello, world!\"}");
        }
        assertThat(secure.version()).isEqualTo(HttpClient.Version.HTTP_2);

        HttpResponse<String> posted = H1.send(HttpRequest.newBuilder(URI.create(http + "/v1/greeter"))
                .header("content-type", "application/json").POST(HttpRequest.BodyPublishers.ofString("{\"name\":\"ann\"}"))
                .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(posted.body()).isEqualTo("{\"message\":\"Hello, ann!\"}");

        HttpResponse<String> nameless = H1.send(HttpRequest.newBuilder(URI.create(http + "/v1/greeter"))
                .header("content-type", "application/json").POST(HttpRequest.BodyPublishers.ofString("{}"))
                .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(nameless.statusCode()).isEqualTo(400);
        assertThat(nameless.body()).contains("\"code\":3", "name is required");
    }

    @Test
    void theSoapCalculatorAnswersRestJson() throws Exception {
        HttpResponse<String> add = H1.send(HttpRequest.newBuilder(URI.create(http + "/calculator/Add"))
                .header("content-type", "application/json").POST(HttpRequest.BodyPublishers.ofString("{\"intA\":2,\"intB\":3}"))
                .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(add.statusCode()).isEqualTo(200);
        assertThat(add.body()).isEqualTo("{\"AddResult\":5}");
        HttpResponse<String> divide = H1.send(HttpRequest.newBuilder(URI.create(http + "/calculator/Divide"))
                .header("content-type", "application/json").POST(HttpRequest.BodyPublishers.ofString("{\"intA\":2,\"intB\":0}"))
                .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(divide.statusCode()).isGreaterThanOrEqualTo(400);
        assertThat(divide.body()).contains("SOAP_FAULT", "\"dividend\":2");
    }

    @Test
    void theSoapCalculatorAnswersNativeGrpcOnTheRouteOfItsRestPaths() throws Exception {
        ManagedChannel channel = NettyChannelBuilder.forAddress("localhost", demo.port("http")).usePlaintext().build();
        try {
            Descriptors.ServiceDescriptor calculator = new ReflectedSchema(channel).service("soap.calculator.Calculator");
            DynamicMessage sum = DynamicGrpc.call(channel, calculator.findMethodByName("Add"),
                    DynamicGrpc.operands(calculator, "Add", 2, 3));
            assertThat(DynamicGrpc.field(sum, "AddResult")).isEqualTo(5);
        } finally {
            channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
        }
    }

    @Test
    void eachServiceIsOneRouteServingItsRestAndGrpcPaths() {
        assertThat(demo.output()).contains(
                "route greeter -> grpc (template /v1/greeter/**, template /demo.greeter.v1.Greeter/**)",
                "route calculator -> soap (template /calculator/**, template /soap.calculator.Calculator/*)",
                "route demo-echo -> websocket (exact /ws/echo)",
                "route demo-events -> websocket (exact /events/echo)",
                "route gateway-reflection -> grpc-reflection (template /grpc.reflection.v1.ServerReflection/**, "
                        + "template /grpc.reflection.v1alpha.ServerReflection/**)");
    }

    @Test
    void theGreetingStreamArrivesAsNdjsonLineByLine() throws Exception {
        HttpResponse<Stream<String>> response = H1.send(HttpRequest.newBuilder(
                        URI.create(http + "/v1/greeter/world/stream?count=3&interval=0.3s"))
                .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofLines());
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("content-type")).hasValue("application/x-ndjson");

        List<String> lines = new ArrayList<>();
        Iterator<String> body = response.body().iterator();
        lines.add(body.next());
        long firstLine = System.nanoTime();
        body.forEachRemaining(lines::add);
        long afterFirst = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - firstLine);

        assertThat(lines).containsExactly(
                "{\"message\":\"Hello, world! (1/3)\",\"sequence\":1}",
                "{\"message\":\"Hello, world! (2/3)\",\"sequence\":2}",
                "{\"message\":\"Hello, world! (3/3)\",\"sequence\":3}");
        // The backend paces greetings 300ms apart: a buffering gateway would hand over all three lines at once.
        assertThat(afterFirst).as("ms between the first line and the end").isGreaterThanOrEqualTo(400);
    }

    @Test
    void nativeGrpcClientsReachTheGreeterThroughTheGatewayWithAndWithoutTls() throws Exception {
        ManagedChannel cleartext = NettyChannelBuilder.forAddress("localhost", demo.port("http")).usePlaintext().build();
        ManagedChannel secure = NettyChannelBuilder.forAddress("localhost", demo.port("https"))
                .sslContext(GrpcSslContexts.forClient().trustManager(devCa().toFile()).build()).build();
        try {
            for (ManagedChannel channel : List.of(cleartext, secure)) {
                GreeterGrpc.GreeterBlockingStub greeter = GreeterGrpc.newBlockingStub(channel)
                        .withDeadlineAfter(10, TimeUnit.SECONDS);
                assertThat(greeter.sayHello(HelloRequest.newBuilder().setName("grpc").build()).getMessage())
                        .isEqualTo("Hello, grpc!");

                List<HelloReply> replies = new ArrayList<>();
                greeter.streamGreetings(HelloRequest.newBuilder().setName("grpc").setCount(3)
                                .setInterval(com.google.protobuf.Duration.newBuilder().setNanos(20_000_000)).build())
                        .forEachRemaining(replies::add);
                assertThat(replies).extracting(HelloReply::getMessage)
                        .containsExactly("Hello, grpc! (1/3)", "Hello, grpc! (2/3)", "Hello, grpc! (3/3)");

                assertThatThrownBy(() -> greeter.sayHello(HelloRequest.getDefaultInstance()))
                        .isInstanceOfSatisfying(StatusRuntimeException.class, e -> {
                            assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
                            assertThat(e.getStatus().getDescription()).isEqualTo("name is required");
                        });
            }
        } finally {
            cleartext.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
            secure.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
        }
    }

    @Test
    void theGatewaysOwnReflectionListsTheGreeter() throws Exception {
        ManagedChannel channel = NettyChannelBuilder.forAddress("localhost", demo.port("http")).usePlaintext().build();
        try {
            CompletableFuture<ServerReflectionResponse> answer = new CompletableFuture<>();
            StreamObserver<ServerReflectionRequest> requests = ServerReflectionGrpc.newStub(channel)
                    .withDeadlineAfter(10, TimeUnit.SECONDS).serverReflectionInfo(new StreamObserver<>() {
                        @Override
                        public void onNext(ServerReflectionResponse response) {
                            answer.complete(response);
                        }

                        @Override
                        public void onError(Throwable failure) {
                            answer.completeExceptionally(failure);
                        }

                        @Override
                        public void onCompleted() {
                            answer.completeExceptionally(new IllegalStateException("no answer"));
                        }
                    });
            requests.onNext(ServerReflectionRequest.newBuilder().setListServices("*").build());
            ServerReflectionResponse response = answer.get(10, TimeUnit.SECONDS);
            requests.onCompleted();

            assertThat(response.getListServicesResponse().getServiceList()).extracting(ServiceResponse::getName)
                    .contains("demo.greeter.v1.Greeter");
        } finally {
            channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
        }
    }

    @Test
    void grpcWebCallsGetMessagesAndATrailerFrame() throws Exception {
        byte[] hello = HelloRequest.newBuilder().setName("web").build().toByteArray();
        HttpResponse<byte[]> binary = H1.send(HttpRequest.newBuilder(URI.create(http + GREETER + "SayHello"))
                .header("content-type", "application/grpc-web+proto").header("x-grpc-web", "1")
                .POST(HttpRequest.BodyPublishers.ofByteArray(GrpcWebBody.frame(hello)))
                .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofByteArray());
        assertThat(binary.statusCode()).isEqualTo(200);
        assertThat(binary.headers().firstValue("content-type").orElse("")).startsWith("application/grpc-web");
        GrpcWebBody unary = GrpcWebBody.parse(binary.body());
        assertThat(replies(unary)).containsExactly("Hello, web!");
        assertThat(unary.trailers()).containsEntry("grpc-status", "0");

        byte[] stream = HelloRequest.newBuilder().setName("web").setCount(3).build().toByteArray();
        HttpResponse<String> text = H1.send(HttpRequest.newBuilder(URI.create(http + GREETER + "StreamGreetings"))
                .header("content-type", "application/grpc-web-text+proto").header("x-grpc-web", "1")
                .POST(HttpRequest.BodyPublishers.ofString(Base64.getEncoder().encodeToString(GrpcWebBody.frame(stream))))
                .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.US_ASCII));
        assertThat(text.headers().firstValue("content-type").orElse("")).startsWith("application/grpc-web-text");
        GrpcWebBody streamed = GrpcWebBody.parse(GrpcWebBody.decodeText(text.body()));
        assertThat(replies(streamed)).containsExactly("Hello, web! (1/3)", "Hello, web! (2/3)", "Hello, web! (3/3)");
        assertThat(streamed.trailers()).containsEntry("grpc-status", "0");

        HttpResponse<byte[]> invalid = H1.send(HttpRequest.newBuilder(URI.create(http + GREETER + "StreamGreetings"))
                .header("content-type", "application/grpc-web+proto")
                .POST(HttpRequest.BodyPublishers.ofByteArray(GrpcWebBody.frame(new byte[0])))
                .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofByteArray());
        // A failure before any message may come as a trailer frame or, trailers-only, as headers.
        String status = invalid.headers().firstValue("grpc-status")
                .orElseGet(() -> GrpcWebBody.parse(invalid.body()).trailers().get("grpc-status"));
        assertThat(status).isEqualTo("3");
    }

    @Test
    void thePageIsServedAndTheStartUpSummaryPointsAtIt() throws Exception {
        HttpResponse<String> page = send(H1, http + "/demo/");
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.headers().firstValue("content-type")).hasValue("text/html; charset=utf-8");
        assertThat(page.body()).contains("<script src=\"grpc-web.js\"></script>");

        HttpResponse<String> script = send(H1, http + "/demo/grpc-web.js");
        assertThat(script.statusCode()).isEqualTo(200);
        assertThat(script.body()).contains("application/grpc-web-text+proto", "0x80");

        HttpResponse<String> bare = send(H1, http + "/demo");
        assertThat(bare.statusCode()).isEqualTo(301);
        assertThat(bare.headers().firstValue("location")).hasValue("/demo/");

        // Printed right after the listeners, long before the requests above have been answered.
        assertThat(demo.output()).contains("curl " + http + "/v1/greeter/world ",
                http + "/v1/greeter/world/stream", http + "/demo/");
    }

    @Test
    void theEchoAnswersThroughTheWebSocketPassthrough() throws Exception {
        assertThat(webSocketSession("/ws/echo", ">hello", "<", ">{\"not\":\"decoded\"}", "<", "x")).containsExactly(
                "MESSAGE hello", "MESSAGE {\"not\":\"decoded\"}", "CLOSE 1000 ", "OK");
    }

    @Test
    void theEchoFollowsAsServerSentEventsWithMessagesPostedIntoTheSession() throws Exception {
        HttpResponse<Stream<String>> stream = H1.send(HttpRequest.newBuilder(URI.create(http + "/events/echo"))
                .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofLines());
        assertThat(stream.statusCode()).isEqualTo(200);
        assertThat(stream.headers().firstValue("content-type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("text/event-stream"));
        try (Stream<String> lines = stream.body()) {
            Iterator<String> events = lines.iterator();
            assertThat(events.next()).isEqualTo("event: session");
            String session = events.next().substring("data: ".length());
            assertThat(session).matches("[A-Za-z0-9_-]{22}");
            HttpResponse<String> posted = H1.send(HttpRequest.newBuilder(
                            URI.create(http + "/events/echo?session=" + session))
                    .POST(HttpRequest.BodyPublishers.ofString("hello\nagain")).timeout(Duration.ofSeconds(10)).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(posted.statusCode()).isEqualTo(204);
            List<String> event = new ArrayList<>();
            while (event.size() < 2) {
                String line = events.next();
                if (line.startsWith("data: ")) {
                    event.add(line);
                }
            }
            assertThat(event).containsExactly("data: hello", "data: again");
        }
        HttpResponse<String> unknown = H1.send(HttpRequest.newBuilder(URI.create(http + "/events/echo?session=nope"))
                .POST(HttpRequest.BodyPublishers.ofString("x")).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(unknown.statusCode()).isEqualTo(404);
    }

    @Test
    void theGreeterChatsOverAWebSocketOnItsRestPath() throws Exception {
        assertThat(webSocketSession("/v1/greeter/chat", ">{\"name\":\"ann\",\"text\":\"hi\"}", "<",
                ">{\"name\":\"ann\",\"text\":\"again\"}", "<", ">", "<*")).containsExactly(
                "MESSAGE {\"message\":\"Hello, ann! You said: hi\",\"sequence\":1}",
                "MESSAGE {\"message\":\"Hello, ann! You said: again\",\"sequence\":2}",
                "CLOSE 1000 ", "OK");
    }

    @Test
    void greetingsStreamOverAWebSocketOnTheirRestPath() throws Exception {
        // The empty first message: the request comes from the path and the query alone.
        assertThat(webSocketSession("/v1/greeter/world/stream?count=3&interval=0.05s", ">", "<*")).containsExactly(
                "MESSAGE {\"message\":\"Hello, world! (1/3)\",\"sequence\":1}",
                "MESSAGE {\"message\":\"Hello, world! (2/3)\",\"sequence\":2}",
                "MESSAGE {\"message\":\"Hello, world! (3/3)\",\"sequence\":3}",
                "CLOSE 1000 ", "OK");
    }

    @Test
    void theCalculatorAnswersEachWebSocketMessageInOrder() throws Exception {
        // Three calls are sent before any answer is read: the answers come in the order of the calls, the bad one
        // answered with the route's error JSON (the SOAP route's problem details) and the session going on.
        assertThat(webSocketSession("/calculator/Add", ">{\"intA\":2,\"intB\":3}", ">{\"intA\":40,\"intB\":2}",
                ">{\"intA\":\"two\"}", "<", "<", "<", ">", "<*"))
                .satisfies(lines -> assertThat(lines.get(2)).startsWith("MESSAGE {\"error\":{")
                        .contains("\"code\":\"INVALID_ARGUMENT\"", "field 'intA'"))
                .startsWith("MESSAGE {\"AddResult\":5}", "MESSAGE {\"AddResult\":42}")
                .endsWith("CLOSE 1000 ", "OK");
    }

    /**
     * The page in a real browser (Debian's Chromium): its buttons call the Greeter over gRPC-Web binary and text
     * through the gateway, its chat box the Greeter's Chat over the browser's WebSocket, its echo box the
     * passthrough echo; each greeting, reply and status shows up in the page's logs.
     */
    @Test
    void theDemoPageWorksInChromium() throws Exception {
        WebClientTools.requireInstalled();
        ClientRun run = ClientRun.run(WebClientTools.project(), workDir.resolve("page-output"),
                Map.of("POLYGATE_CHROMIUM", WebClientTools.chromium().toString()), Duration.ofSeconds(60),
                List.of(WebClientTools.node(), "demo-page.mjs", "--url", http + "/demo/"));
        assertThat(run.exitCode()).as(run.describe()).isZero();
        JsonNode page = new ObjectMapper().readTree(run.stdout());
        assertThat(texts(page.get("lines"))).as(run.describe()).containsSubsequence(
                "reply | Hello, page!",
                "status | #1: grpc-status 0 OK",
                "reply | Hello, page! (1/3)   [sequence 1]",
                "reply | Hello, page! (2/3)   [sequence 2]",
                "reply | Hello, page! (3/3)   [sequence 3]",
                "status | #2: grpc-status 0 OK",
                "error | #3: grpc-status 3 INVALID_ARGUMENT \"name is required\"");
        assertThat(page.get("curl").asText()).contains("curl " + http + "/v1/greeter/world");

        assertThat(texts(page.get("chat"))).as(run.describe()).containsSubsequence(
                "sent | {\"name\":\"page\",\"text\":\"hi there\"}",
                "status | open",
                "reply | Hello, page! You said: hi there   [sequence 1]",
                "sent | {\"name\":\"page\",\"text\":\"again\"}",
                "reply | Hello, page! You said: again   [sequence 2]",
                "status | closed 1000");
        assertThat(texts(page.get("echo"))).as(run.describe()).containsSubsequence(
                "sent | echo from the page", "status | open", "reply | echo from the page");
        assertThat(page.get("ws").asText()).contains("python3 -m websockets \"ws://localhost:" + demo.port("http")
                + "/ws/echo\"");
    }

    private static List<String> texts(JsonNode array) {
        List<String> texts = new ArrayList<>();
        array.forEach(item -> texts.add(item.asText()));
        return texts;
    }

    /** A python3-websockets session with the demo, scripted as web-clients/websocket/session.py reads it. */
    private static List<String> webSocketSession(String path, String... steps) throws Exception {
        WebSocketPeers.requireInstalled();
        List<String> arguments = new ArrayList<>(List.of("ws://localhost:" + demo.port("http") + path));
        arguments.addAll(List.of(steps));
        ClientRun run = ClientRun.run(WebClientTools.project(), workDir.resolve("websocket-sessions"), Map.of(),
                Duration.ofSeconds(60), WebSocketPeers.command("python", "session", arguments.toArray(String[]::new)));
        assertThat(run.exitCode()).as(run.describe()).isZero();
        return run.stdout().lines().toList();
    }


    private static List<String> replies(GrpcWebBody body) throws InvalidProtocolBufferException {
        List<String> messages = new ArrayList<>();
        for (byte[] message : body.messages()) {
            messages.add(HelloReply.parseFrom(message).getMessage());
        }
        return messages;
    }

    private static HttpResponse<String> send(HttpClient client, String url) throws Exception {
        return client.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** With request headers given as name/value pairs. */
    private static HttpResponse<String> send(HttpClient client, String url, String... headers) throws Exception {
        return client.send(HttpRequest.newBuilder(URI.create(url)).headers(headers).timeout(Duration.ofSeconds(10))
                .build(), HttpResponse.BodyHandlers.ofString());
    }

    private static Path devCa() {
        return workDir.resolve(".polygate/dev-ca.pem");
    }

    private static HttpClient h2OverTls() throws Exception {
        return HttpClient.newBuilder().sslContext(TrustedCa.of(devCa()).sslContext()).version(HttpClient.Version.HTTP_2)
                .connectTimeout(Duration.ofSeconds(10)).build();
    }
}

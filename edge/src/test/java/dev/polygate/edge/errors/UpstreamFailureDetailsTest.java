package dev.polygate.edge.errors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.polygate.edge.config.ConfigLoader;
import dev.polygate.edge.server.GatewayServer;
import dev.polygate.edge.testing.RunningGateway;
import dev.polygate.test.v1.LibraryGrpc;
import dev.polygate.test.v1.PingRequest;
import io.grpc.CallOptions;
import io.grpc.ManagedChannel;
import io.grpc.MethodDescriptor;
import io.grpc.StatusRuntimeException;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.stub.ClientCalls;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * What clients are told when an upstream fails, and what the access log keeps. For every way of failing (a
 * refused connection, a host that does not resolve, a TLS handshake that fails, an upstream that says nothing, one
 * that drops the connection in the middle of its answer) and every kind of client (REST through a proxy route, REST
 * transcoded to gRPC, native gRPC, gRPC-Web, REST and native gRPC to a SOAP backend): the client reads the
 * upstream's configured name at most, never its address; the access log line of the exchange holds the address.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class UpstreamFailureDetailsTest {
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10)).build();

    @TempDir
    static Path dir;
    static RunningGateway tlsServer;
    static MisbehavingUpstream silent;
    static MisbehavingUpstream cut;
    static int closedPort;

    enum Failure { REFUSED, UNRESOLVABLE, TLS_HANDSHAKE, TIMEOUT, CUT_MID_RESPONSE }

    @BeforeAll
    static void start() throws Exception {
        // A real TLS server whose certificate (the development CA's) the upstreams do not trust.
        tlsServer = RunningGateway.start(Files.createDirectories(dir.resolve("tls")), "{}", "routes: []\n");
        silent = new MisbehavingUpstream(MisbehavingUpstream.Behaviour.SILENT);
        cut = new MisbehavingUpstream(MisbehavingUpstream.Behaviour.CUT);
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = socket.getLocalPort();
        }
    }

    @AfterAll
    static void stop() throws Exception {
        tlsServer.close();
        silent.close();
        cut.close();
    }

    /** host:port of the failing upstream, as the access log writes it. */
    private static String address(Failure failure) {
        return switch (failure) {
            case REFUSED -> "127.0.0.1:" + closedPort;
            case UNRESOLVABLE -> "no-such-host.invalid:";
            case TLS_HANDSHAKE -> "127.0.0.1:" + tlsServer.httpsPort();
            case TIMEOUT -> "127.0.0.1:" + silent.port();
            case CUT_MID_RESPONSE -> "127.0.0.1:" + cut.port();
        };
    }

    private static String endpoint(Failure failure, boolean http2) {
        String cleartext = http2 ? "h2c://" : "http://";
        return switch (failure) {
            case REFUSED -> cleartext + "127.0.0.1:" + closedPort;
            case UNRESOLVABLE -> cleartext + "no-such-host.invalid:" + closedPort;
            case TLS_HANDSHAKE -> "https://127.0.0.1:" + tlsServer.httpsPort();
            case TIMEOUT -> cleartext + "127.0.0.1:" + silent.port();
            case CUT_MID_RESPONSE -> cleartext + "127.0.0.1:" + cut.port();
        };
    }

    @ParameterizedTest
    @EnumSource(Failure.class)
    void clientsReadTheUpstreamNameAndTheAccessLogTheAddress(Failure failure) throws Exception {
        Path accessLog = dir.resolve("access-" + failure + ".log");
        Map<String, String> toldByPath = new LinkedHashMap<>();
        try (RunningGateway gateway = start(failure, accessLog)) {
            String base = "http://127.0.0.1:" + gateway.httpPort();

            toldByPath.put("/proxy/orders", restAnswer(HttpRequest.newBuilder(URI.create(base + "/proxy/orders"))));
            toldByPath.put("/v1/shelves/s1", restAnswer(HttpRequest.newBuilder(URI.create(base + "/v1/shelves/s1"))));
            toldByPath.put("/calc/Add", restAnswer(HttpRequest.newBuilder(URI.create(base + "/calc/Add"))
                    .header("content-type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"intA\":1,\"intB\":2}"))));
            toldByPath.put("/polygate.test.v1.Library/GetShelf", grpcWebAnswer(base));
            toldByPath.put("/polygate.test.v1.Library/Ping", grpcAnswer(gateway.httpPort(), channel -> LibraryGrpc
                    .newBlockingStub(channel).withDeadlineAfter(20, TimeUnit.SECONDS)
                    .ping(PingRequest.newBuilder().setMessage("x").build())));
            toldByPath.put("/soap.calculator.Calculator/Add",
                    grpcAnswer(gateway.httpPort(), UpstreamFailureDetailsTest::add));
        }
        List<String> lines = Files.readAllLines(accessLog, StandardCharsets.UTF_8);
        toldByPath.forEach((path, told) -> {
            String upstream = path.startsWith("/proxy") ? "proxied"
                    : path.startsWith("/calc") || path.startsWith("/soap.") ? "soap" : "grpc";
            if (!told.isEmpty()) { // empty: the answer broke off, and told nothing
                assertThat(told).as(failure + " " + path).contains("'" + upstream + "'");
            }
            assertThat(told).as(failure + " " + path).doesNotContain(address(failure)).doesNotContain("127.0.0.1")
                    .doesNotContain("no-such-host").doesNotContain("Exception");
            assertThat(lines).as("the access log line of " + path)
                    .anySatisfy(line -> assertThat(line).contains("\"path\":\"" + path + "\"")
                            .contains(address(failure)));
        });
    }

    private static RunningGateway start(Failure failure, Path accessLog) throws Exception {
        String timeouts = "timeouts: { idle: 300ms }";
        String yaml = """
                dataDir: %s
                accessLog: { file: "%s" }
                reload: { watch: false }
                drainTimeout: 5s
                admin: { enabled: false }
                listeners:
                  - { name: http, address: 127.0.0.1, port: 0 }
                upstreams:
                  proxied: { endpoints: [ "%s" ], connectTimeout: 2s }
                  grpc: { endpoints: [ "%s" ], connectTimeout: 2s }
                  soap: { endpoints: [ "%s" ], connectTimeout: 2s }
                routes:
                  - name: proxy
                    match: { prefix: /proxy }
                    backend: { upstream: proxied, %s }
                  - name: library
                    match: { paths: [ "/v1/shelves/**", "/polygate.test.v1.Library/*" ] }
                    translator: grpc
                    backend: { upstream: grpc, %s, schema: { descriptorSets: [ "%s" ] } }
                  - name: calculator
                    match: { paths: [ "/calc/**", "/soap.calculator.Calculator/*" ] }
                    translator: soap
                    backend: { upstream: soap, %s, wsdl: "%s", path: /calculator, prefix: /calc }
                """.formatted(dir, accessLog, endpoint(failure, false), endpoint(failure, true),
                endpoint(failure, false), timeouts, timeouts, resource("/dev/polygate/proto/polygate-services.pb"),
                timeouts, resource("/dev/polygate/wsdl/calculator/calculator.wsdl"));
        return RunningGateway.of(GatewayServer.start(ConfigLoader.parse(yaml, null, dir)));
    }

    private static Path resource(String name) throws IOException {
        Path file = dir.resolve(name.substring(name.lastIndexOf('/') + 1));
        if (!Files.exists(file)) {
            try (InputStream in = UpstreamFailureDetailsTest.class.getResourceAsStream(name)) {
                Files.copy(in, file);
            }
        }
        return file;
    }

    /** The status and body a REST client got; nothing when the answer broke off. */
    private static String restAnswer(HttpRequest.Builder request) throws InterruptedException {
        try {
            HttpResponse<String> response = HTTP.send(request.timeout(Duration.ofSeconds(20)).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).as(response.body()).isBetween(500, 599);
            return response.statusCode() + " " + response.body();
        } catch (IOException broken) {
            // The head had been sent when the upstream failed: aborting the answer is all that is left.
            return "";
        }
    }

    /** A gRPC-Web call of GetShelf: the status and message in the headers or the trailer frame. */
    private static String grpcWebAnswer(String base) throws Exception {
        byte[] message = dev.polygate.test.v1.GetShelfRequest.newBuilder().setName("shelves/s1").build().toByteArray();
        byte[] frame = new byte[5 + message.length];
        frame[4] = (byte) message.length;
        System.arraycopy(message, 0, frame, 5, message.length);
        URI uri = URI.create(base + "/polygate.test.v1.Library/GetShelf");
        HttpResponse<byte[]> response = HTTP.send(HttpRequest.newBuilder(uri)
                .header("content-type", "application/grpc-web+proto").timeout(Duration.ofSeconds(20))
                .POST(HttpRequest.BodyPublishers.ofByteArray(frame)).build(), HttpResponse.BodyHandlers.ofByteArray());
        String text = response.headers().map() + " " + new String(response.body(), StandardCharsets.ISO_8859_1);
        assertThat(text).as(text).containsPattern("grpc-status[=:\\[]+(2|4|13|14)\\b");
        return text;
    }

    /** A native gRPC call: the status description. */
    private static String grpcAnswer(int port, Consumer<ManagedChannel> call) throws Exception {
        ManagedChannel channel = NettyChannelBuilder.forAddress("127.0.0.1", port).usePlaintext().build();
        try {
            StatusRuntimeException failed = catchThrowableOfType(() -> call.accept(channel),
                    StatusRuntimeException.class);
            assertThat(failed).isNotNull();
            return failed.getStatus().getCode() + " " + failed.getStatus().getDescription();
        } finally {
            channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
        }
    }

    /** The SOAP operation Add over native gRPC, its request as protobuf bytes: intA = 1 (field 1), intB = 2. */
    private static void add(ManagedChannel channel) {
        MethodDescriptor.Marshaller<byte[]> bytes = new MethodDescriptor.Marshaller<>() {
            @Override
            public InputStream stream(byte[] value) {
                return new ByteArrayInputStream(value);
            }

            @Override
            public byte[] parse(InputStream stream) {
                try {
                    return stream.readAllBytes();
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
        };
        MethodDescriptor<byte[], byte[]> method = MethodDescriptor.<byte[], byte[]>newBuilder()
                .setType(MethodDescriptor.MethodType.UNARY).setFullMethodName("soap.calculator.Calculator/Add")
                .setRequestMarshaller(bytes).setResponseMarshaller(bytes).build();
        ClientCalls.blockingUnaryCall(channel, method, CallOptions.DEFAULT.withDeadlineAfter(20, TimeUnit.SECONDS),
                new byte[] {0x08, 1, 0x10, 2});
    }
}

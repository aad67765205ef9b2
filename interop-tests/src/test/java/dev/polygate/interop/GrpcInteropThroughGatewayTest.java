package dev.polygate.interop;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.ByteString;
import io.grpc.InsecureChannelCredentials;
import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.grpc.TlsChannelCredentials;
import io.grpc.netty.NettyChannelBuilder;
import io.grpc.internal.testing.StreamRecorder;
import io.grpc.testing.integration.AbstractInteropTest;
import io.grpc.testing.integration.EmptyProtos;
import io.grpc.testing.integration.Messages.Payload;
import io.grpc.testing.integration.Messages.StreamingOutputCallRequest;
import io.grpc.testing.integration.Messages.StreamingOutputCallResponse;
import io.grpc.testing.integration.TestServiceGrpc;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * grpc-java's interop cases (grpc-interop-testing's client against its TestServiceServer) with the built gateway
 * in between, in passthrough mode: over h2c with prior knowledge, and a subset over h2 with TLS and ALPN.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class GrpcInteropThroughGatewayTest {
    @TempDir
    static Path dir;
    static InteropServerProcess server;
    static GatewayProcess gateway;

    @BeforeAll
    static void start() throws Exception {
        server = InteropServerProcess.start();
        Path config = GrpcPassthroughConfig.write(dir, server.port());
        gateway = GatewayProcess.start(List.of("-Xmx64m", "-XX:MaxDirectMemorySize=64m"), "run", "--config",
                config.toString());
    }

    @AfterAll
    static void stop() throws Exception {
        if (gateway != null) {
            gateway.close();
        }
        if (server != null) {
            server.close();
        }
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(InteropCase.class)
    void overH2c(InteropCase interopCase) throws Exception {
        int port = gateway.port("h2c");
        interopCase.runOn(new GatewayInteropClient(() -> configured(
                NettyChannelBuilder.forAddress("127.0.0.1", port, InsecureChannelCredentials.create()))));
        assertThat(gateway.isAlive()).isTrue();
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(value = InteropCase.class, names = {"EMPTY_UNARY", "LARGE_UNARY", "CLIENT_STREAMING",
            "SERVER_STREAMING", "PING_PONG", "CUSTOM_METADATA", "STATUS_CODE_AND_MESSAGE", "CANCEL_AFTER_FIRST_RESPONSE",
            "TIMEOUT_ON_SLEEPING_SERVER", "VERY_LARGE_REQUEST"})
    void overTls(InteropCase interopCase) throws Exception {
        int port = gateway.port("tls");
        TlsChannelCredentials.Builder tls = TlsChannelCredentials.newBuilder()
                .trustManager(GrpcPassthroughConfig.devCa(dir).toFile());
        // The listener is bound to 127.0.0.1 only; the authority "localhost" gives SNI and the name checked.
        interopCase.runOn(new GatewayInteropClient(() -> configured(
                NettyChannelBuilder.forAddress(new InetSocketAddress("127.0.0.1", port), tls.build())
                        .overrideAuthority("localhost"))));
        assertThat(gateway.isAlive()).isTrue();
    }

    /**
     * The interop cases for deadlines and cancels pass at the client even if the gateway never notices: with a 1 ms
     * deadline, or a cancel right after the start, grpc-java often ends the call before its stream leaves. Here a
     * call really reaches the sleeping server, and its deadline must end the gateway's exchange at once, not when an
     * idle timeout fires minutes later. The server knows the deadline too (grpc-timeout travels with the call), so
     * whichever side acts first ends it: the client's cancel (499 in the access log) or the server's
     * DEADLINE_EXCEEDED (grpcStatus 4).
     */
    @Test
    void aCallPastItsDeadlineEndsItsExchangeAtTheGateway() throws Exception {
        ManagedChannel channel = configured(NettyChannelBuilder.forAddress("127.0.0.1", gateway.port("h2c"),
                InsecureChannelCredentials.create())).build();
        try {
            // A cold client can spend the whole deadline connecting; then the stream never leaves and there is
            // nothing for the gateway to end. One call first makes the connection ready.
            TestServiceGrpc.newBlockingStub(channel).withDeadlineAfter(10, TimeUnit.SECONDS)
                    .emptyCall(EmptyProtos.Empty.getDefaultInstance());
            int endedBefore = fullDuplexCalls().size();
            StreamRecorder<StreamingOutputCallResponse> responses = StreamRecorder.create();
            TestServiceGrpc.newStub(channel).withDeadlineAfter(500, TimeUnit.MILLISECONDS).fullDuplexCall(responses)
                    .onNext(StreamingOutputCallRequest.newBuilder()
                            .setPayload(Payload.newBuilder().setBody(ByteString.copyFrom(new byte[1024]))).build());
            assertThat(responses.awaitCompletion(10, TimeUnit.SECONDS)).isTrue();
            assertThat(Status.fromThrowable(responses.getError()).getCode()).isEqualTo(Status.Code.DEADLINE_EXCEEDED);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
            while (fullDuplexCalls().size() == endedBefore && System.nanoTime() < deadline) {
                TimeUnit.MILLISECONDS.sleep(20);
            }
            List<String> ended = fullDuplexCalls();
            assertThat(ended).hasSize(endedBefore + 1);
            assertThat(ended.get(endedBefore)).satisfiesAnyOf(
                    line -> assertThat(line).contains("\"status\":499"),
                    line -> assertThat(line).contains("\"grpcStatus\":4"));
        } finally {
            channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
        }
    }

    /** A service no route serves is answered by the gateway itself, in gRPC: UNIMPLEMENTED, not an HTTP 404 page. */
    @Test
    void aServiceWithoutARouteIsUnimplementedInGrpcTerms() throws Exception {
        ManagedChannel channel = configured(NettyChannelBuilder.forAddress("127.0.0.1", gateway.port("h2c"),
                InsecureChannelCredentials.create())).build();
        try {
            Throwable failure = org.assertj.core.api.Assertions.catchThrowable(() ->
                    io.grpc.testing.integration.ReconnectServiceGrpc.newBlockingStub(channel)
                            .withDeadlineAfter(5, TimeUnit.SECONDS)
                            .start(io.grpc.testing.integration.Messages.ReconnectParams.getDefaultInstance()));
            Status status = Status.fromThrowable(failure);
            assertThat(status.getCode()).isEqualTo(Status.Code.UNIMPLEMENTED);
            assertThat(status.getDescription()).contains("grpc.testing.ReconnectService/Start");
            // The access log says what the gRPC client was told, beside the HTTP status.
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
            while (accessLogLines("/grpc.testing.ReconnectService/Start\"").isEmpty() && System.nanoTime() < deadline) {
                TimeUnit.MILLISECONDS.sleep(20);
            }
            assertThat(accessLogLines("/grpc.testing.ReconnectService/Start\"")).singleElement()
                    .asString().contains("\"status\":404", "\"grpcStatus\":12");
        } finally {
            channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
        }
    }

    private static List<String> accessLogLines(String containing) throws IOException {
        Path log = GrpcPassthroughConfig.accessLog(dir);
        if (!Files.exists(log)) {
            return List.of();
        }
        try (Stream<String> lines = Files.lines(log)) {
            return lines.filter(line -> line.contains(containing)).toList();
        }
    }

    private static List<String> fullDuplexCalls() throws IOException {
        return accessLogLines("/grpc.testing.TestService/FullDuplexCall\"");
    }

    /** As the interop TestServiceClient sets up its Netty channel: a small window, to catch flow-control bugs. */
    private static NettyChannelBuilder configured(NettyChannelBuilder builder) {
        return builder.flowControlWindow(AbstractInteropTest.TEST_FLOW_CONTROL_WINDOW);
    }
}

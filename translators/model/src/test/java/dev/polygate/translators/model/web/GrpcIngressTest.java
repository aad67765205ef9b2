package dev.polygate.translators.model.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.Descriptors;
import dev.polygate.demo.greeter.v1.HelloReply;
import dev.polygate.demo.greeter.v1.HelloRequest;
import dev.polygate.translators.model.call.GrpcIngress;
import dev.polygate.translators.model.wire.GrpcFrames;
import dev.polygate.translators.model.wire.GrpcStatus;
import dev.polygate.translators.model.wire.GrpcStatusCode;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.ByteBufUtil;
import io.netty.channel.EventLoop;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.HttpHeaders;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The native gRPC ingress over an in-memory {@link ScriptedCall}: frames in, frames and a status out, on a
 * real event loop; and the gRPC-Web ingress in front of it, as the soap translator composes them.
 */
class GrpcIngressTest {
    private static final Descriptors.ServiceDescriptor GREETER =
            HelloRequest.getDescriptor().getFile().findServiceByName("Greeter");
    private static final String SAY_HELLO = "/demo.greeter.v1.Greeter/SayHello";
    private static MultiThreadIoEventLoopGroup group;
    private static EventLoop loop;

    @BeforeAll
    static void start() {
        group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
        loop = group.next();
    }

    @AfterAll
    static void stop() throws Exception {
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).sync();
    }

    /** The ingress with a backend that follows {@code script}; the opened call is completed into {@code opened}. */
    private static GrpcIngress ingress(ScriptedCall.Script script, GrpcStatus failure,
                                       CompletableFuture<ScriptedCall> opened, int maxBytes) {
        return new GrpcIngress(path -> path.equals(SAY_HELLO) ? GREETER.findMethodByName("SayHello") : null,
                (client, method, metadata, listener) -> {
                    ScriptedCall call = new ScriptedCall(script, failure, metadata, listener);
                    opened.complete(call);
                    return call;
                }, maxBytes, Duration.ZERO);
    }

    private static TestClientExchange exchange(String contentType, HttpHeaders extra, List<byte[]> chunks) {
        HttpHeaders headers = new DefaultHttpHeaders().set("content-type", contentType).set("te", "trailers");
        headers.add(extra);
        return new TestClientExchange(loop, "POST", SAY_HELLO, headers, chunks, false);
    }

    private static byte[] frame(int flags, String name) {
        byte[] message = HelloRequest.newBuilder().setName(name).build().toByteArray();
        return ByteBuffer.allocate(5 + message.length).put((byte) flags).putInt(message.length).put(message).array();
    }

    /** Cuts {@code bytes} after every {@code size} bytes, so frame headers and payloads span chunks. */
    private static List<byte[]> chunks(byte[] bytes, int size) {
        List<byte[]> chunks = new java.util.ArrayList<>();
        for (int i = 0; i < bytes.length; i += size) {
            chunks.add(Arrays.copyOfRange(bytes, i, Math.min(bytes.length, i + size)));
        }
        return chunks;
    }

    private static TestClientSink run(GrpcIngress ingress, TestClientExchange exchange) throws Exception {
        loop.execute(() -> ingress.handle(exchange));
        return exchange.sink.await();
    }

    @Test
    void aUnaryCallGetsOneFrameAndItsStatusInTrailers() throws Exception {
        CompletableFuture<ScriptedCall> opened = new CompletableFuture<>();
        HttpHeaders extra = new DefaultHttpHeaders().set("x-tenant", "acme").set("grpc-timeout", "5S");
        TestClientSink sink = run(ingress(ScriptedCall.Script.GREET, null, opened, 1024),
                exchange("application/grpc+proto", extra, chunks(frame(0, "native"), 3)));

        ScriptedCall call = opened.get();
        assertThat(call.metadata.get("x-tenant")).isEqualTo("acme");
        assertThat(call.metadata.get("grpc-timeout")).isNotNull();
        assertThat(call.metadata.contains("content-type")).isFalse();
        assertThat(call.metadata.contains("te")).isFalse();
        assertThat(sink.head.status()).isEqualTo(200);
        assertThat(sink.head.headers().get("content-type")).isEqualTo("application/grpc");
        assertThat(sink.head.headers().get("x-backend")).isEqualTo("scripted");
        byte[] body = concat(sink.chunks);
        assertThat(body[0]).isZero();
        assertThat(HelloReply.parseFrom(Arrays.copyOfRange(body, 5, body.length)).getMessage()).isEqualTo("Hello, native!");
        assertThat(ByteBuffer.wrap(body, 1, 4).getInt()).isEqualTo(body.length - 5);
        assertThat(sink.trailers.get("grpc-status")).isEqualTo("0");
        assertThat(sink.trailers.get("x-trailer")).isEqualTo("t");
    }

    @Test
    void anUnknownMethodIsATrailersOnlyUnimplemented() throws Exception {
        CompletableFuture<ScriptedCall> opened = new CompletableFuture<>();
        TestClientExchange exchange = new TestClientExchange(loop, "POST", "/demo.greeter.v1.Greeter/Nope",
                new DefaultHttpHeaders().set("content-type", "application/grpc"), List.of(frame(0, "x")), true);
        TestClientSink sink = run(ingress(ScriptedCall.Script.GREET, null, opened, 1024), exchange);
        assertThat(sink.head.headers().get("grpc-status")).isEqualTo("12");
        assertThat(sink.chunks).isEmpty();
        assertThat(opened).isNotDone();
        assertThat(exchange.body.discarded).isTrue();
    }

    @Test
    void aCompressedMessageIsRefusedAndTheCallCancelled() throws Exception {
        CompletableFuture<ScriptedCall> opened = new CompletableFuture<>();
        TestClientSink sink = run(ingress(ScriptedCall.Script.GREET, null, opened, 1024),
                exchange("application/grpc", new DefaultHttpHeaders(), List.of(frame(GrpcFrames.COMPRESSED, "zip"))));
        assertThat(sink.head.headers().get("grpc-status")).isEqualTo("13");
        assertThat(sink.head.headers().get("grpc-message")).contains("compression");
        opened.get().cancelled.get(5, TimeUnit.SECONDS);
    }

    @Test
    void anOversizedMessageIsResourceExhausted() throws Exception {
        CompletableFuture<ScriptedCall> opened = new CompletableFuture<>();
        TestClientSink sink = run(ingress(ScriptedCall.Script.GREET, null, opened, 8),
                exchange("application/grpc", new DefaultHttpHeaders(), chunks(frame(0, "far too long a name"), 7)));
        assertThat(sink.head.headers().get("grpc-status")).isEqualTo("8");
        opened.get().cancelled.get(5, TimeUnit.SECONDS);
        assertThat(opened.get().names).isEmpty();
    }

    @Test
    void theDeadlineEndsTheCall() throws Exception {
        CompletableFuture<ScriptedCall> opened = new CompletableFuture<>();
        TestClientSink sink = run(ingress(ScriptedCall.Script.SILENT, null, opened, 1024), exchange("application/grpc",
                new DefaultHttpHeaders().set("grpc-timeout", "50m"), List.of(frame(0, "slow"))));
        assertThat(sink.head.headers().get("grpc-status")).isEqualTo("4");
        opened.get().cancelled.get(5, TimeUnit.SECONDS);
    }

    @Test
    void aBackendErrorBeforeAnyMessageIsTrailersOnly() throws Exception {
        CompletableFuture<ScriptedCall> opened = new CompletableFuture<>();
        GrpcStatus fault = new GrpcStatus(GrpcStatusCode.INVALID_ARGUMENT, "bad operand: 100%", null);
        TestClientSink sink = run(ingress(ScriptedCall.Script.FAIL, fault, opened, 1024),
                exchange("application/grpc", new DefaultHttpHeaders(), List.of(frame(0, "x"))));
        assertThat(sink.head.headers().get("grpc-status")).isEqualTo("3");
        assertThat(GrpcStatus.fromTrailers(sink.head.headers()).message()).isEqualTo("bad operand: 100%");
        assertThat(sink.head.headers().get("x-trailer")).isEqualTo("t");
        assertThat(sink.chunks).isEmpty();
    }

    @Test
    void aClientThatGoesAwayCancelsTheCall() throws Exception {
        CompletableFuture<ScriptedCall> opened = new CompletableFuture<>();
        GrpcIngress ingress = ingress(ScriptedCall.Script.SILENT, null, opened, 1024);
        TestClientExchange exchange = exchange("application/grpc", new DefaultHttpHeaders(), List.of(frame(0, "bye")));
        loop.execute(() -> ingress.handle(exchange));
        opened.get(5, TimeUnit.SECONDS);
        exchange.cancel();
        opened.get().cancelled.get(5, TimeUnit.SECONDS);
    }

    @Test
    void aGrpcWebClientReachesTheCallThroughTheWebIngress() throws Exception {
        CompletableFuture<ScriptedCall> opened = new CompletableFuture<>();
        GrpcIngress grpc = ingress(ScriptedCall.Script.GREET, null, opened, 1024);
        GrpcWebIngress web = new GrpcWebIngress(GrpcWebConfig.defaults(), grpc::handle);
        TestClientExchange exchange = new TestClientExchange(loop, "POST", SAY_HELLO,
                TestClientExchange.headers("application/grpc-web+proto"), List.of(frame(0, "web")), true);
        loop.execute(() -> web.handle(exchange));
        GrpcWebResponse response = GrpcWebResponse.read(exchange.sink.await(), false);
        assertThat(response.replies()).containsExactly("Hello, web!");
        assertThat(response.trailers().get("grpc-status")).isEqualTo("0");
    }

    private static byte[] concat(List<byte[]> chunks) {
        ByteBuf all = ByteBufAllocator.DEFAULT.buffer();
        try {
            chunks.forEach(all::writeBytes);
            return ByteBufUtil.getBytes(all);
        } finally {
            all.release();
        }
    }
}

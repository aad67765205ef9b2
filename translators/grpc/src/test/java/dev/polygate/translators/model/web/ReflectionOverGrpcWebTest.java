package dev.polygate.translators.model.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.DescriptorProtos.FileDescriptorProto;
import com.google.protobuf.InvalidProtocolBufferException;
import dev.polygate.demo.greeter.v1.GreeterOuterClass;
import dev.polygate.spi.Translator;
import dev.polygate.translators.grpc.reflection.GatewayReflectionTranslatorFactory;
import dev.polygate.translators.model.catalog.ServiceCatalog;
import dev.polygate.translators.model.wire.GrpcFrames;
import io.grpc.reflection.v1.ServerReflectionRequest;
import io.grpc.reflection.v1.ServerReflectionResponse;
import io.grpc.reflection.v1.ServiceResponse;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.ByteBufUtil;
import io.netty.channel.EventLoop;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.HttpHeaders;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The gateway's reflection service asked over gRPC-Web, as {@code buf curl --protocol grpcweb} does before its
 * call: it used to answer with a native gRPC response (content type {@code application/grpc}, status in HTTP
 * trailers), which gRPC-Web clients reject.
 */
class ReflectionOverGrpcWebTest {
    private static final String V1 = "/grpc.reflection.v1.ServerReflection/ServerReflectionInfo";
    private static final String V1ALPHA = "/grpc.reflection.v1alpha.ServerReflection/ServerReflectionInfo";
    private static final Object OWNER = new Object();
    private static MultiThreadIoEventLoopGroup group;
    private static EventLoop loop;
    private static Translator reflection;

    @BeforeAll
    static void start() throws Exception {
        group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
        loop = group.next();
        TestContext context = new TestContext("none", 0);
        ServiceCatalog.of(context).publish(OWNER, GreeterOuterClass.getDescriptor().getServices());
        reflection = new GatewayReflectionTranslatorFactory().create(null, context);
    }

    @AfterAll
    static void stop() throws Exception {
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).sync();
    }

    @Test
    void listsServicesInBinaryGrpcWeb() throws Exception {
        TestClientExchange exchange = exchange(V1, "application/grpc-web+proto", false, listServices());
        exchange.request().headers().set("origin", "https://app.example.com");
        GrpcWebResponse response = call(exchange, false);

        assertThat(response.headers().get("content-type")).isEqualTo("application/grpc-web+proto");
        assertThat(response.headers().get("access-control-allow-origin")).isEqualTo("*");
        assertThat(response.grpcStatus()).isEqualTo("0");
        assertThat(response.messages()).hasSize(1);
        List<String> names = ServerReflectionResponse.parseFrom(response.messages().get(0))
                .getListServicesResponse().getServiceList().stream().map(ServiceResponse::getName).toList();
        assertThat(names).contains("demo.greeter.v1.Greeter", "grpc.reflection.v1.ServerReflection");
    }

    @Test
    void answersEachRequestOfTheStreamInTextGrpcWeb() throws Exception {
        ServerReflectionRequest symbol = ServerReflectionRequest.newBuilder()
                .setFileContainingSymbol("demo.greeter.v1.Greeter.SayHello").build();
        byte[] body = concat(framed(listServices()), framed(symbol));
        TestClientExchange exchange = new TestClientExchange(loop, "POST", V1ALPHA,
                TestClientExchange.headers("application/grpc-web-text"),
                List.of(Base64.getEncoder().encode(body)), true);
        GrpcWebResponse response = call(exchange, true);

        assertThat(response.headers().get("content-type")).isEqualTo("application/grpc-web-text+proto");
        assertThat(response.grpcStatus()).isEqualTo("0");
        assertThat(response.messages()).hasSize(2);
        List<String> files = new ArrayList<>();
        for (var file : ServerReflectionResponse.parseFrom(response.messages().get(1))
                .getFileDescriptorResponse().getFileDescriptorProtoList()) {
            files.add(fileName(file.toByteArray()));
        }
        assertThat(files).contains("demo/greeter/v1/greeter.proto", "google/api/annotations.proto");
    }

    @Test
    void answersPreflights() throws Exception {
        HttpHeaders headers = new DefaultHttpHeaders().set("origin", "https://app.example.com")
                .set("access-control-request-method", "POST")
                .set("access-control-request-headers", "content-type, x-grpc-web");
        TestClientExchange exchange = new TestClientExchange(loop, "OPTIONS", V1, headers, List.of(), false);
        loop.execute(() -> reflection.handle(exchange));
        TestClientSink sink = exchange.sink.await();
        assertThat(sink.head.status()).isEqualTo(204);
        assertThat(sink.head.headers().get("access-control-allow-origin")).isEqualTo("*");
    }

    @Test
    void nativeGrpcIsStillAnsweredNatively() throws Exception {
        HttpHeaders headers = new DefaultHttpHeaders().set("content-type", "application/grpc").set("te", "trailers");
        TestClientExchange exchange = new TestClientExchange(loop, "POST", V1, headers,
                List.of(framed(listServices())), true);
        loop.execute(() -> reflection.handle(exchange));
        TestClientSink sink = exchange.sink.await();
        assertThat(sink.head.headers().get("content-type")).isEqualTo("application/grpc");
        assertThat(sink.trailers.get("grpc-status")).isEqualTo("0");
    }

    private static GrpcWebResponse call(TestClientExchange exchange, boolean text) throws Exception {
        loop.execute(() -> reflection.handle(exchange));
        return GrpcWebResponse.read(exchange.sink.await(), text);
    }

    private static TestClientExchange exchange(String path, String contentType, boolean declared,
                                               ServerReflectionRequest request) {
        return new TestClientExchange(loop, "POST", path, TestClientExchange.headers(contentType),
                List.of(framed(request)), declared);
    }

    private static ServerReflectionRequest listServices() {
        return ServerReflectionRequest.newBuilder().setListServices("*").build();
    }

    private static byte[] framed(ServerReflectionRequest request) {
        ByteBuf frame = GrpcFrames.frame(ByteBufAllocator.DEFAULT, 0, request.toByteArray());
        try {
            return ByteBufUtil.getBytes(frame);
        } finally {
            frame.release();
        }
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] both = new byte[a.length + b.length];
        System.arraycopy(a, 0, both, 0, a.length);
        System.arraycopy(b, 0, both, a.length, b.length);
        return both;
    }

    private static String fileName(byte[] file) throws InvalidProtocolBufferException {
        return FileDescriptorProto.parseFrom(file).getName();
    }
}

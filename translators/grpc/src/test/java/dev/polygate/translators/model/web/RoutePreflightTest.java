package dev.polygate.translators.model.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.polygate.spi.Translator;
import dev.polygate.translators.grpc.GrpcTranslatorFactory;
import io.netty.channel.EventLoop;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.HttpHeaders;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A browser's CORS preflight through a whole grpc route, as the edge delivers it. The route's translator used to
 * discard the preflight's body and then hand it to the CORS answer, which discards it again: a body may be
 * subscribed once, so every preflight failed with HTTP 500 and browsers refused every cross-origin call.
 */
class RoutePreflightTest {
    private static MultiThreadIoEventLoopGroup group;
    private static EventLoop loop;
    private static Translator route;

    @BeforeAll
    static void start() throws Exception {
        group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
        loop = group.next();
        // A preflight never reaches the backend, so none needs to listen.
        route = new GrpcTranslatorFactory().create(new ObjectMapper().readTree("{\"upstream\": \"greeter\"}"),
                new TestContext("greeter", 9));
    }

    @AfterAll
    static void stop() throws Exception {
        route.close();
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).sync();
    }

    @Test
    void aPreflightIsAnsweredWithTheCorsGrant() throws Exception {
        HttpHeaders headers = new DefaultHttpHeaders().set("origin", "http://127.0.0.1:5173")
                .set("access-control-request-method", "POST")
                .set("access-control-request-headers", "content-type,x-grpc-web,x-user-agent");
        TestClientExchange exchange = new TestClientExchange(loop, "OPTIONS", "/demo.greeter.v1.Greeter/SayHello",
                headers, List.of(), false);
        CompletableFuture<RuntimeException> thrown = new CompletableFuture<>();
        loop.execute(() -> {
            try {
                route.handle(exchange);
                thrown.complete(null);
            } catch (RuntimeException e) {
                thrown.complete(e);
            }
        });
        assertThat(thrown.get(10, TimeUnit.SECONDS)).as("thrown by the route").isNull();
        TestClientSink sink = exchange.sink.await();

        assertThat(sink.error).isNull();
        assertThat(sink.head.status()).isEqualTo(204);
        assertThat(sink.head.headers().get("access-control-allow-origin")).isEqualTo("*");
        assertThat(sink.head.headers().get("access-control-allow-headers")).contains("x-grpc-web", "x-user-agent");
        assertThat(exchange.body.discarded).isTrue();
    }
}

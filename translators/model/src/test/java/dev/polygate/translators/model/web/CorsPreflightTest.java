package dev.polygate.translators.model.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.polygate.spi.RequestHead;
import io.netty.channel.EventLoop;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.HttpHeaders;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class CorsPreflightTest {
    private static final GrpcWebConfig CONFIG = new GrpcWebConfig(
            List.of("https://app.example.com", "https://*.example.org"), List.of("x-request-id"),
            List.of("x-tenant"), Duration.ofMinutes(10), 1024);
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

    private static TestClientSink preflight(GrpcWebConfig config, String origin, String method, String headers)
            throws Exception {
        HttpHeaders request = new DefaultHttpHeaders().set("origin", origin)
                .set("access-control-request-method", method);
        if (headers != null) {
            request.set("access-control-request-headers", headers);
        }
        TestClientExchange exchange = new TestClientExchange(loop, "OPTIONS", "/svc/Method", request, List.of(), false);
        GrpcWebIngress ingress = new GrpcWebIngress(config, e -> {
            throw new AssertionError("a preflight must not reach the backend");
        });
        loop.execute(() -> ingress.handle(exchange));
        return exchange.sink.await();
    }

    @Test
    void recognisesPreflights() {
        HttpHeaders both = new DefaultHttpHeaders().set("origin", "https://a").set("access-control-request-method", "POST");
        assertThat(CorsPreflight.isPreflight(new RequestHead("OPTIONS", "/", "/", "h", "https", both))).isTrue();
        assertThat(CorsPreflight.isPreflight(new RequestHead("POST", "/", "/", "h", "https", both))).isFalse();
        HttpHeaders noMethod = new DefaultHttpHeaders().set("origin", "https://a");
        assertThat(CorsPreflight.isPreflight(new RequestHead("OPTIONS", "/", "/", "h", "https", noMethod))).isFalse();
    }

    @Test
    void grantsAnAllowedOrigin() throws Exception {
        TestClientSink sink = preflight(CONFIG, "https://app.example.com", "POST", "x-grpc-web, content-type");
        HttpHeaders headers = sink.head.headers();
        assertThat(sink.head.status()).isEqualTo(204);
        assertThat(headers.get("access-control-allow-origin")).isEqualTo("https://app.example.com");
        assertThat(headers.get("vary")).isEqualTo("origin");
        assertThat(headers.get("access-control-allow-methods")).isEqualTo("POST");
        assertThat(headers.get("access-control-allow-headers").split(", ")).contains("x-grpc-web", "x-user-agent",
                "grpc-timeout", "content-type", "authorization", "x-tenant");
        assertThat(headers.get("access-control-max-age")).isEqualTo("600");
        assertThat(sink.chunks).isEmpty();
    }

    @Test
    void refusesOtherOriginsAndMethodsWithoutCorsHeaders() throws Exception {
        for (String[] attempt : new String[][] {{"https://evil.example.net", "POST"}, {"http://app.example.com", "POST"},
                {"https://app.example.com", "PUT"}, {"https://example.org", "POST"}}) {
            TestClientSink sink = preflight(CONFIG, attempt[0], attempt[1], null);
            assertThat(sink.head.status()).as(String.join(" ", attempt)).isEqualTo(403);
            assertThat(sink.head.headers().names()).noneMatch(name -> name.startsWith("access-control-"));
        }
    }

    @Test
    void matchesSubdomainWildcards() {
        CorsPreflight cors = new CorsPreflight(CONFIG);
        assertThat(cors.isOriginAllowed("https://a.example.org")).isTrue();
        assertThat(cors.isOriginAllowed("https://a.b.example.org:8443")).isTrue();
        assertThat(cors.isOriginAllowed("https://badexample.org")).isFalse();
        assertThat(cors.isOriginAllowed("http://a.example.org")).isFalse();
        assertThat(cors.isOriginAllowed(null)).isFalse();
    }

    @Test
    void echoesRequestedHeadersWhenAnyIsAllowed() throws Exception {
        GrpcWebConfig any = new GrpcWebConfig(List.of("*"), List.of(), List.of("*"), Duration.ofSeconds(5), 1024);
        TestClientSink sink = preflight(any, "https://anywhere.example", "POST", "X-Custom-Meta, trace-bin");
        assertThat(sink.head.status()).isEqualTo(204);
        assertThat(sink.head.headers().get("access-control-allow-origin")).isEqualTo("*");
        assertThat(sink.head.headers().get("access-control-allow-headers")).contains("x-custom-meta", "trace-bin");
    }

    @Test
    void exposesStatusAndConfiguredMetadataOnActualResponses() {
        CorsPreflight cors = new CorsPreflight(CONFIG);
        HttpHeaders response = new DefaultHttpHeaders();
        cors.addResponseHeaders(new RequestHead("POST", "/", "/", "h", "https",
                new DefaultHttpHeaders().set("origin", "https://app.example.com")), response);
        assertThat(response.get("access-control-allow-origin")).isEqualTo("https://app.example.com");
        assertThat(response.get("access-control-expose-headers"))
                .isEqualTo("grpc-status, grpc-message, grpc-status-details-bin, x-request-id");

        HttpHeaders refused = new DefaultHttpHeaders();
        cors.addResponseHeaders(new RequestHead("POST", "/", "/", "h", "https",
                new DefaultHttpHeaders().set("origin", "https://evil.example.net")), refused);
        assertThat(refused.isEmpty()).isTrue();
    }
}

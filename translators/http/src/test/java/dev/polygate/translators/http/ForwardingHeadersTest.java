package dev.polygate.translators.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.polygate.spi.ClientInfo;
import dev.polygate.spi.RequestHead;
import dev.polygate.spi.Translator;
import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpRequest;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** What the upstream learns about the client, and which headers never cross the proxy. */
class ForwardingHeadersTest {
    @TempDir
    Path dir;
    private ProxyHarness proxy;
    private TestBackend backend;

    @BeforeEach
    void start() throws Exception {
        proxy = new ProxyHarness(dir);
        backend = proxy.track(TestBackend.cleartext("b1"));
    }

    @AfterEach
    void stop() throws Exception {
        proxy.close();
    }

    private RecordedRequest send(Backends kind, String backendSection, HttpHeaders headers) throws Exception {
        Translator translator = proxy.translator(kind.upstream("backend", null, backend), backendSection);
        TestExchange exchange = new TestExchange(proxy.loop(), TestExchange.head("GET", "/hello", headers),
                TestRequestBody.empty(proxy.loop()), new InetSocketAddress("192.0.2.7", 50000));
        assertThat(proxy.run(translator, exchange).status()).isEqualTo(200);
        return backend.nextRequest();
    }

    @ParameterizedTest
    @EnumSource(value = Backends.class, names = {"HTTP1", "H2C"})
    void addsForwardedHeadersAppendingToEarlierHops(Backends kind) throws Exception {
        HttpHeaders headers = new DefaultHttpHeaders()
                .set("x-forwarded-for", "203.0.113.1")
                .set("forwarded", "for=203.0.113.1;proto=http");

        RecordedRequest seen = send(kind, null, headers);

        assertThat(seen.headers.get("x-forwarded-for")).isEqualTo("203.0.113.1, 192.0.2.7");
        assertThat(seen.headers.get("x-forwarded-proto")).isEqualTo("https");
        assertThat(seen.headers.get("x-forwarded-host")).isEqualTo("api.example.com");
        assertThat(seen.headers.get("forwarded"))
                .isEqualTo("for=203.0.113.1;proto=http, for=192.0.2.7;proto=https;host=api.example.com");
    }

    @ParameterizedTest
    @EnumSource(value = Backends.class, names = {"HTTP1", "H2C"})
    void removesHopByHopHeadersButKeepsTeTrailers(Backends kind) throws Exception {
        HttpHeaders headers = new DefaultHttpHeaders()
                .set("connection", "x-private, keep-alive")
                .set("x-private", "secret")
                .set("keep-alive", "timeout=5")
                .set("proxy-connection", "keep-alive")
                .set("upgrade", "websocket")
                .set("trailer", "x-sum")
                .set("transfer-encoding", "chunked")
                .set("te", "trailers")
                .set("x-kept", "yes");

        RecordedRequest seen = send(kind, null, headers);

        assertThat(seen.headers.names()).doesNotContain("connection", "x-private", "keep-alive",
                "proxy-connection", "upgrade", "trailer", "transfer-encoding");
        assertThat(seen.headers.get("te")).isEqualTo("trailers");
        assertThat(seen.headers.get("x-kept")).isEqualTo("yes");
    }

    @ParameterizedTest
    @EnumSource(value = Backends.class, names = {"HTTP1", "H2C"})
    void hostHeaderKeepsTheClientsAuthorityByDefault(Backends kind) throws Exception {
        assertThat(send(kind, null, new DefaultHttpHeaders()).headers.get("host")).isEqualTo("api.example.com");
        assertThat(send(kind, "{\"hostHeader\":\"upstream\"}", new DefaultHttpHeaders()).headers.get("host"))
                .isEqualTo("127.0.0.1:" + backend.port());
        assertThat(send(kind, "{\"hostHeader\":\"internal.svc:8080\"}", new DefaultHttpHeaders()).headers.get("host"))
                .isEqualTo("internal.svc:8080");
    }

    @Test
    void teOtherThanTrailersIsDropped() {
        HttpRequest request = build(new DefaultHttpHeaders().set("te", "gzip"), false);
        assertThat(request.headers().contains("te")).isFalse();
    }

    @Test
    void ipv6ClientIsBracketedAndQuotedInForwarded() {
        HttpHeaders headers = new DefaultHttpHeaders();
        RequestHead head = new RequestHead("GET", "/", "/", "[2001:db8::5]:8443", "https", new DefaultHttpHeaders());
        ClientInfo client = new ClientInfo(new InetSocketAddress("::1", 5000), "HTTP/2", true, null, List.of());

        ForwardedHeaders.add(headers, head, client);

        assertThat(headers.get("x-forwarded-for")).isEqualTo("0:0:0:0:0:0:0:1");
        assertThat(headers.get("forwarded")).isEqualTo("for=\"[0:0:0:0:0:0:0:1]\";proto=https;host=\"[2001:db8::5]:8443\"");
    }

    @Test
    void framingFollowsTheBody() {
        TestExchange exchange = proxy.get("/");
        HttpRequest bodyless = build(new DefaultHttpHeaders().set("content-length", "7"), false);
        assertThat(bodyless.headers().contains("content-length")).isFalse();
        assertThat(bodyless.headers().contains("transfer-encoding")).isFalse();

        Endpoint endpoint = new Endpoint(Scheme.HTTP, "10.0.0.1", 80);
        HttpRequest sized = UpstreamRequestHead.build(exchange.request(), exchange.client(),
                TestRequestBody.sized(proxy.loop(), 10), HostHeader.KEEP, endpoint, false);
        assertThat(sized.headers().get("content-length")).isEqualTo("10");
        HttpRequest chunked = UpstreamRequestHead.build(exchange.request(), exchange.client(),
                TestRequestBody.chunked(proxy.loop(), 10, null), HostHeader.KEEP, endpoint, false);
        assertThat(chunked.headers().get("transfer-encoding")).isEqualTo("chunked");
        HttpRequest chunkedOverH2 = UpstreamRequestHead.build(exchange.request(), exchange.client(),
                TestRequestBody.chunked(proxy.loop(), 10, null), HostHeader.KEEP, endpoint, true);
        assertThat(chunkedOverH2.headers().contains("transfer-encoding")).isFalse();
    }

    @Test
    void cookiesSplitByAnHttp2ClientAreJoinedForHttp1() {
        HttpHeaders headers = new DefaultHttpHeaders().add("cookie", "a=1").add("cookie", "b=2");
        assertThat(build(headers, false).headers().getAll("cookie")).containsExactly("a=1; b=2");
    }

    private HttpRequest build(HttpHeaders headers, boolean http2) {
        TestExchange exchange = new TestExchange(proxy.loop(), TestExchange.head("GET", "/", headers),
                TestRequestBody.empty(proxy.loop()), new InetSocketAddress("192.0.2.7", 1));
        return UpstreamRequestHead.build(exchange.request(), exchange.client(), exchange.requestBody(),
                HostHeader.KEEP, new Endpoint(Scheme.HTTP, "10.0.0.1", 80), http2);
    }
}

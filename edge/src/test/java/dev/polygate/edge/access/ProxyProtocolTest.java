package dev.polygate.edge.access;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.polygate.edge.testing.TestTls;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * Listeners behind an L4 balancer: every connection starts with a PROXY protocol header (v1 or v2, before TLS on a
 * TLS listener), written here from raw sockets as a balancer writes it; its source address is the client's. A
 * connection without a valid header is closed, and a header too slow or too large holds nothing for long.
 */
class ProxyProtocolTest extends GatewayBehindProxies {
    private static final String REQUEST_TAIL = " HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n";


    private static int proxied() {
        return gateway.port("proxied");
    }

    private static RawClient.Answer get(byte[] header, String path, String... headers) throws Exception {
        return RawClient.get("127.0.0.2", proxied(), header, null, path, headers);
    }

    @Test
    void version1NamesTheClient() throws Exception {
        RawClient.Answer answer = get(ProxyHeaders.v1("203.0.113.9", "192.0.2.1", 51234, 443), "/guarded/v1");
        assertThat(answer.status()).isEqualTo(200);
        JsonNode line = log.line("/guarded/v1");
        assertThat(line.get("client").asText()).as("the balancer only carried the bytes").isEqualTo("203.0.113.9");
        assertThat(backend.last("/guarded/v1").header("x-forwarded-for")).isEqualTo("203.0.113.9");

        RawClient.Answer six = get(ProxyHeaders.v1("2001:db8::9", "2001:db8::1", 51234, 443), "/guarded/v1-ipv6");
        assertThat(six.status()).isEqualTo(200);
        assertThat(log.line("/guarded/v1-ipv6").get("client").asText()).isEqualTo("2001:db8:0:0:0:0:0:9");
    }

    @Test
    void version2NamesIpv4Ipv6AndIpv4MappedClients() throws Exception {
        assertThat(get(ProxyHeaders.v2("203.0.113.10", "192.0.2.1", 40000, 443), "/guarded/v2").status())
                .isEqualTo(200);
        assertThat(log.line("/guarded/v2").get("client").asText()).isEqualTo("203.0.113.10");

        assertThat(get(ProxyHeaders.v2("2001:db8::10", "2001:db8::1", 40000, 443), "/guarded/v2-ipv6").status())
                .isEqualTo(200);
        assertThat(log.line("/guarded/v2-ipv6").get("client").asText()).isEqualTo("2001:db8:0:0:0:0:0:10");

        // An IPv4 client that reached a dual-stack balancer: sent as TCP6 with an IPv4-mapped address.
        byte[] mapped = ProxyHeaders.v2("::ffff:203.0.113.11", "::ffff:192.0.2.1", 40000, 443);
        assertThat(get(mapped, "/guarded/v2-mapped").status()).as("matches the IPv4 rule").isEqualTo(200);
        assertThat(log.line("/guarded/v2-mapped").get("client").asText()).isEqualTo("203.0.113.11");

        byte[] outside = ProxyHeaders.v2("198.51.100.1", "192.0.2.1", 40000, 443);
        assertThat(get(outside, "/guarded/v2-outside").status()).isEqualTo(403);
    }

    @Test
    void version2TlvsAreSkipped() throws Exception {
        byte[] tlv = {0x04, 0x00, 0x03, 'a', 'b', 'c'}; // PP2_TYPE_NOOP with three bytes
        RawClient.Answer answer = get(ProxyHeaders.v2("203.0.113.12", "192.0.2.1", 40000, 443, tlv), "/guarded/tlv");
        assertThat(answer.status()).isEqualTo(200);
    }

    @Test
    void aProxySourceThatIsATrustedProxyHasItsForwardingHeadersRead() throws Exception {
        RawClient.Answer answer = get(ProxyHeaders.v2("10.0.0.5", "192.0.2.1", 40000, 443), "/guarded/behind-two",
                "X-Forwarded-For: 203.0.113.13");
        assertThat(answer.status()).isEqualTo(200);
        JsonNode line = log.line("/guarded/behind-two");
        assertThat(line.get("client").asText()).isEqualTo("10.0.0.5");
        assertThat(line.get("trustedClient").asText()).isEqualTo("203.0.113.13");
    }

    @Test
    void aLocalHeaderKeepsThePeer() throws Exception {
        RawClient.Answer answer = get(ProxyHeaders.v2Local(), "/open/health-check");
        assertThat(answer.status()).isEqualTo(200);
        assertThat(log.line("/open/health-check").get("client").asText()).isEqualTo("127.0.0.2");
        assertThat(get(ProxyHeaders.v2Local(), "/guarded/local").status()).isEqualTo(403);
    }

    @Test
    void theHeaderComesBeforeTlsOnATlsListener() throws Exception {
        var tls = TestTls.trusting(gateway.devCaFile());
        RawClient.Answer answer = RawClient.get("127.0.0.2", gateway.port("proxied-tls"),
                ProxyHeaders.v2("203.0.113.14", "192.0.2.1", 40000, 443), tls, "/guarded/tls");
        assertThat(answer.status()).isEqualTo(200);
        JsonNode line = log.line("/guarded/tls");
        assertThat(line.get("client").asText()).isEqualTo("203.0.113.14");
        assertThat(line.get("tls").asBoolean()).isTrue();

        RawClient.Answer v1 = RawClient.get("127.0.0.2", gateway.port("proxied-tls"),
                ProxyHeaders.v1("203.0.113.15", "192.0.2.1", 40000, 443), tls, "/guarded/tls-v1");
        assertThat(v1.status()).isEqualTo(200);
    }

    @Test
    void aConnectionWithoutAValidHeaderIsClosedUnanswered() throws Exception {
        String plain = "GET /open/no-header" + REQUEST_TAIL;
        assertThat(RawClient.send("127.0.0.2", proxied(), null, null, plain.getBytes(StandardCharsets.US_ASCII))
                .closedWithoutAnswer()).as("plain HTTP").isTrue();
        assertThat(RawClient.send("127.0.0.2", proxied(), "PROXY TCP4 nonsense\r\n".getBytes(StandardCharsets.US_ASCII),
                null, ("GET /open/garbage" + REQUEST_TAIL).getBytes(StandardCharsets.US_ASCII)).closedWithoutAnswer())
                .as("a malformed v1 line").isTrue();
        assertThat(RawClient.send("127.0.0.2", proxied(), "PROXY TCP4 203.0.113.1 192.0.2.1 99999 443\r\n"
                .getBytes(StandardCharsets.US_ASCII), null, ("GET /open/port" + REQUEST_TAIL)
                .getBytes(StandardCharsets.US_ASCII)).closedWithoutAnswer()).as("a port out of range").isTrue();
        byte[] badVersion = ProxyHeaders.v2("203.0.113.1", "192.0.2.1", 1, 2);
        badVersion[12] = 0x31; // version 3
        assertThat(RawClient.send("127.0.0.2", proxied(), badVersion, null,
                ("GET /open/version" + REQUEST_TAIL).getBytes(StandardCharsets.US_ASCII)).closedWithoutAnswer())
                .as("an unknown version").isTrue();
        assertThat(backend.seen()).noneMatch(seen -> seen.path().startsWith("/open/no-header")
                || seen.path().startsWith("/open/garbage"));
    }

    @Test
    void aHeaderThatDoesNotArriveWholeInTimeOrIsTooLargeIsClosed() throws Exception {
        long started = System.nanoTime();
        try (Socket slow = RawClient.connect("127.0.0.2", proxied())) {
            slow.getOutputStream().write("PROXY TCP4 203.0".getBytes(StandardCharsets.US_ASCII));
            slow.getOutputStream().flush();
            assertThat(RawClient.readUntilClosed(slow.getInputStream())).isEmpty();
        }
        assertThat(Duration.ofNanos(System.nanoTime() - started)).as("closed by proxyProtocolTimeout (500ms)")
                .isLessThan(Duration.ofSeconds(5));

        try (Socket silent = RawClient.connect("127.0.0.2", proxied())) {
            assertThat(RawClient.readUntilClosed(silent.getInputStream())).as("nothing at all").isEmpty();
        }

        try (Socket large = RawClient.connect("127.0.0.2", proxied())) {
            OutputStream out = large.getOutputStream();
            out.write(ProxyHeaders.v2Announcing(60_000));
            out.write(new byte[12_000]);
            out.flush();
            assertThat(RawClient.readUntilClosed(large.getInputStream())).as("a 60 kB v2 header").isEmpty();
        }
        assertThat(get(ProxyHeaders.v1("203.0.113.16", "192.0.2.1", 1, 2), "/open/after").status())
                .as("the listener still serves").isEqualTo(200);
    }
}

package dev.polygate.edge.access;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

/**
 * The client's address behind trusted proxies, through a real gateway: real sockets from two loopback sources (the
 * trusted 127.0.0.1 and the untrusted 127.0.0.2), the {@code ipRules} of a route keyed on it, the access log that
 * records it, and the forwarding headers a real backend receives.
 */
class ClientAddressTest extends GatewayBehindProxies {
    private static RawClient.Answer get(String source, String path, String... headers) throws Exception {
        return RawClient.get(source, gateway.port("http"), null, null, path, headers);
    }

    @Test
    void aSpoofedXForwardedForFromAnUntrustedPeerChangesNothing() throws Exception {
        RawClient.Answer spoofed = get("127.0.0.2", "/guarded/spoofed-xff", "X-Forwarded-For: 203.0.113.7");
        assertThat(spoofed.status()).isEqualTo(403);
        assertThat(spoofed.header("content-type")).isEqualTo("application/problem+json");
        assertThat(spoofed.body()).contains("\"code\":\"PERMISSION_DENIED\"").doesNotContain("127.0.0.2");
        JsonNode line = log.line("/guarded/spoofed-xff");
        assertThat(line.get("client").asText()).isEqualTo("127.0.0.2");
        assertThat(line.has("trustedClient")).as("the peer is the client").isFalse();
        assertThat(line.get("error").asText()).contains("client address 127.0.0.2 refused by ipRules");

        RawClient.Answer forwarded = get("127.0.0.2", "/guarded/spoofed-forwarded", "Forwarded: for=203.0.113.7");
        assertThat(forwarded.status()).isEqualTo(403);
        assertThat(backend.last("/guarded/spoofed-xff")).as("refused before the backend").isNull();
    }

    @Test
    void aTrustedProxysXForwardedForNamesTheClientAndTheBackendSeesTheChainWithThePeerAppended() throws Exception {
        RawClient.Answer answer = get("127.0.0.1", "/guarded/trusted-xff",
                "X-Forwarded-For: 6.6.6.6, 203.0.113.7, 10.1.2.3");
        assertThat(answer.status()).isEqualTo(200);
        JsonNode line = log.line("/guarded/trusted-xff");
        assertThat(line.get("client").asText()).as("the peer stays the client field").isEqualTo("127.0.0.1");
        assertThat(line.get("trustedClient").asText()).as("the first hop that is no trusted proxy")
                .isEqualTo("203.0.113.7");
        RecordingBackend.Seen seen = backend.last("/guarded/trusted-xff");
        assertThat(seen.header("x-forwarded-for")).isEqualTo("6.6.6.6, 203.0.113.7, 10.1.2.3, 127.0.0.1");
        assertThat(seen.header("forwarded")).isEqualTo("for=127.0.0.1;proto=http;host=localhost");
    }

    @Test
    void aTrustedProxysForwardedHeaderNamesAnIpv6Client() throws Exception {
        RawClient.Answer answer = get("127.0.0.1", "/guarded/trusted-forwarded",
                "Forwarded: for=\"[2001:db8::7]:4711\";proto=https, for=10.9.8.7");
        assertThat(answer.status()).isEqualTo(200);
        assertThat(log.line("/guarded/trusted-forwarded").get("trustedClient").asText()).isEqualTo("2001:db8:0:0:0:0:0:7");
        assertThat(backend.last("/guarded/trusted-forwarded").header("forwarded"))
                .as("the gateway appends its own element")
                .isEqualTo("for=\"[2001:db8::7]:4711\";proto=https, for=10.9.8.7, for=127.0.0.1;proto=http;host=localhost");
    }

    @Test
    void xForwardedForWinsWhenBothHeadersComeFromATrustedProxy() throws Exception {
        RawClient.Answer answer = get("127.0.0.1", "/guarded/both", "Forwarded: for=6.6.6.6",
                "X-Forwarded-For: 203.0.113.8");
        assertThat(answer.status()).isEqualTo(200);
        assertThat(log.line("/guarded/both").get("trustedClient").asText()).isEqualTo("203.0.113.8");
    }

    @Test
    void aMalformedChainFromATrustedProxyLeavesThePeer() throws Exception {
        for (String header : new String[] {"X-Forwarded-For: 203.0.113.7, not-an-address",
                "X-Forwarded-For: 203.0.113.7, unknown", "Forwarded: for=\"_hidden\", for=203.0.113.7; x",
                "Forwarded: for=_obfuscated"}) {
            String path = "/guarded/malformed-" + Integer.toHexString(header.hashCode());
            RawClient.Answer answer = get("127.0.0.1", path, header);
            assertThat(answer.status()).as(header).isEqualTo(403);
            JsonNode line = log.line(path);
            assertThat(line.get("client").asText()).isEqualTo("127.0.0.1");
            assertThat(line.has("trustedClient")).as(header).isFalse();
        }
    }

    @Test
    void withoutForwardingHeadersTheTrustedPeerIsTheClient() throws Exception {
        RawClient.Answer answer = get("127.0.0.1", "/open/direct");
        assertThat(answer.status()).isEqualTo(200);
        assertThat(log.line("/open/direct").has("trustedClient")).isFalse();
        assertThat(backend.last("/open/direct").header("x-forwarded-for")).isEqualTo("127.0.0.1");
    }
}

package dev.polygate.edge.address;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.HttpHeaders;
import java.net.InetSocketAddress;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The walk through forwarding headers, hop by hop, for every shape the headers come in. */
class TrustedProxiesTest {
    private static final TrustedProxies PROXIES = proxies(TrustedProxies.Header.ANY, "10.0.0.0/8", "2001:db8:1::/48");
    private static final InetSocketAddress TRUSTED_PEER = address("10.0.0.2", 40000);
    private static final InetSocketAddress UNTRUSTED_PEER = address("198.51.100.9", 40000);

    private static TrustedProxies proxies(TrustedProxies.Header header, String... networks) {
        return new TrustedProxies(AddressSet.of(List.of(networks).stream().map(CidrBlock::parse).toList()), header);
    }

    private static InetSocketAddress address(String ip, int port) {
        return IpLiterals.socketAddress(ip, port);
    }

    private static HttpHeaders headers(String... pairs) {
        HttpHeaders headers = new DefaultHttpHeaders();
        for (int i = 0; i < pairs.length; i += 2) {
            headers.add(pairs[i], pairs[i + 1]);
        }
        return headers;
    }

    private static String client(InetSocketAddress peer, String... pairs) {
        InetSocketAddress client = PROXIES.clientOf(peer, headers(pairs));
        return client.getAddress().getHostAddress() + ":" + client.getPort();
    }

    @Test
    void anUntrustedPeerIsTheClientWhateverItsHeadersSay() {
        assertThat(client(UNTRUSTED_PEER, "x-forwarded-for", "203.0.113.7")).isEqualTo("198.51.100.9:40000");
        assertThat(client(UNTRUSTED_PEER, "forwarded", "for=203.0.113.7")).isEqualTo("198.51.100.9:40000");
    }

    @Test
    void xForwardedForIsWalkedFromTheRightSkippingTrustedHops() {
        assertThat(client(TRUSTED_PEER, "x-forwarded-for", "203.0.113.7")).isEqualTo("203.0.113.7:0");
        assertThat(client(TRUSTED_PEER, "x-forwarded-for", "6.6.6.6, 203.0.113.7, 10.1.1.1"))
                .as("the spoofed entry on the left is beyond the first untrusted hop").isEqualTo("203.0.113.7:0");
        assertThat(client(TRUSTED_PEER, "x-forwarded-for", "6.6.6.6", "x-forwarded-for", "203.0.113.7,10.1.1.1"))
                .as("several lines are one list").isEqualTo("203.0.113.7:0");
        assertThat(client(TRUSTED_PEER, "x-forwarded-for", "10.9.9.9, 10.1.1.1"))
                .as("every hop trusted: the farthest").isEqualTo("10.9.9.9:0");
        assertThat(client(TRUSTED_PEER, "x-forwarded-for", "2001:db8:2::7, 2001:db8:1::1"))
                .isEqualTo("2001:db8:2:0:0:0:0:7:0");
        assertThat(client(TRUSTED_PEER, "x-forwarded-for", "[2001:db8:2::7]:4711, 203.0.113.8:443"))
                .isEqualTo("203.0.113.8:443");
        assertThat(client(TRUSTED_PEER, "x-forwarded-for", "[2001:db8:2::7]:4711")).isEqualTo("2001:db8:2:0:0:0:0:7:4711");
        assertThat(client(TRUSTED_PEER, "x-forwarded-for", "::ffff:203.0.113.7"))
                .as("a mapped address is the IPv4 one").isEqualTo("203.0.113.7:0");
        assertThat(client(TRUSTED_PEER, "x-forwarded-for", "203.0.113.7 , ,10.1.1.1"))
                .as("spaces and empty elements are allowed in a list").isEqualTo("203.0.113.7:0");
    }

    @Test
    void malformedOrUndisclosedHopsLeaveThePeer() {
        for (String value : new String[] {"203.0.113.7, not-an-ip", "203.0.113.7, unknown", "evil.example.com",
                "203.0.113.7;", "1.2.3.4:99999", "[203.0.113.7]", "010.0.0.1", "2001:db8::1]:80", "[2001:db8::1"}) {
            assertThat(client(TRUSTED_PEER, "x-forwarded-for", value)).as(value).isEqualTo("10.0.0.2:40000");
        }
        assertThat(client(TRUSTED_PEER, "x-forwarded-for", "")).as("an empty list names nobody")
                .isEqualTo("10.0.0.2:40000");
        assertThat(client(TRUSTED_PEER)).as("no header").isEqualTo("10.0.0.2:40000");
    }

    @Test
    void forwardedIsReadByRfc7239() {
        assertThat(client(TRUSTED_PEER, "forwarded", "for=203.0.113.7;proto=https;by=10.0.0.2"))
                .isEqualTo("203.0.113.7:0");
        assertThat(client(TRUSTED_PEER, "forwarded", "for=\"[2001:db8:cafe::17]:4711\""))
                .isEqualTo("2001:db8:cafe:0:0:0:0:17:4711");
        assertThat(client(TRUSTED_PEER, "forwarded", "for=\"203.0.113.7:8443\", For=10.1.1.1;host=\"a,b\""))
                .as("names are case-insensitive; commas inside quotes separate nothing").isEqualTo("203.0.113.7:8443");
        assertThat(client(TRUSTED_PEER, "forwarded", "for=6.6.6.6", "forwarded", "for=203.0.113.7, for=10.1.1.1"))
                .isEqualTo("203.0.113.7:0");
        assertThat(client(TRUSTED_PEER, "forwarded", "for=\"_hidden:_port\"")).isEqualTo("10.0.0.2:40000");
        assertThat(client(TRUSTED_PEER, "forwarded", "for=203.0.113.7;x=_obf"))
                .isEqualTo("203.0.113.7:0");
        assertThat(client(TRUSTED_PEER, "forwarded", "for=\"203.0.113.7:_abc\"")).as("an obfuscated port")
                .isEqualTo("203.0.113.7:0");
    }

    @Test
    void malformedForwardedLeavesThePeer() {
        for (String value : new String[] {"for=_hidden", "for=unknown", "proto=https", "for=2001:db8::1",
                "for=\"2001:db8::1\"", "for=\"[2001:db8::1]", "for=203.0.113.7;for=6.6.6.6", "for=", "=x",
                "for=203.0.113.7 junk", "for=203.0.113.7:80", "for=\"203.0.113.7\"\"x\""}) {
            assertThat(client(TRUSTED_PEER, "forwarded", value)).as(value).isEqualTo("10.0.0.2:40000");
        }
    }

    @Test
    void xForwardedForWinsOverForwardedUnlessConfiguredOtherwise() {
        String[] both = {"x-forwarded-for", "203.0.113.7", "forwarded", "for=6.6.6.6"};
        assertThat(client(TRUSTED_PEER, both)).isEqualTo("203.0.113.7:0");
        TrustedProxies forwardedOnly = proxies(TrustedProxies.Header.FORWARDED, "10.0.0.0/8");
        assertThat(forwardedOnly.clientOf(TRUSTED_PEER, headers(both)).getAddress().getHostAddress())
                .isEqualTo("6.6.6.6");
        TrustedProxies xffOnly = proxies(TrustedProxies.Header.X_FORWARDED_FOR, "10.0.0.0/8");
        assertThat(xffOnly.clientOf(TRUSTED_PEER, headers("forwarded", "for=6.6.6.6"))).isEqualTo(TRUSTED_PEER);
    }
}

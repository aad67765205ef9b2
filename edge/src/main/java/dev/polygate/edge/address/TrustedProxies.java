package dev.polygate.edge.address;

import dev.polygate.spi.ConfigNode;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.util.AsciiString;
import java.net.InetSocketAddress;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;

/**
 * Finds the client's address behind the proxies the gateway trusts. The peer (or the source a PROXY protocol header
 * named) is the client unless it is a trusted proxy; then the forwarding header is read from the right, the hop each
 * proxy appended, skipping trusted proxies, and the first address that is not one is the client. When every hop is
 * trusted, the farthest is the client. A header that is malformed, or a hop that is {@code unknown} or obfuscated,
 * leaves the peer's address: nobody vouches for what lies beyond it.
 *
 * @param addresses the trusted proxies' networks
 * @param header    which header the proxies maintain
 */
public record TrustedProxies(AddressSet addresses, Header header) {
    private static final AsciiString X_FORWARDED_FOR = AsciiString.cached("x-forwarded-for");
    private static final AsciiString FORWARDED = AsciiString.cached("forwarded");

    /** The forwarding header the trusted proxies maintain. */
    public enum Header {
        /**
         * {@code X-Forwarded-For} when the request has one, else {@code Forwarded}: almost every proxy appends to
         * {@code X-Forwarded-For} and passes a client's {@code Forwarded} through untouched, so that one must not win.
         */
        ANY,
        X_FORWARDED_FOR,
        FORWARDED;

        public String configName() {
            return this == ANY ? "any" : name().toLowerCase(Locale.ROOT).replace('_', '-');
        }
    }

    /**
     * The top-level {@code trustedProxies}: a list of networks, or {@code {addresses: [...], header: ...}} to trust
     * one forwarding header only ({@code x-forwarded-for} or {@code forwarded}; default {@code any}).
     */
    public static TrustedProxies read(ConfigNode node) {
        if (!node.isPresent()) {
            return none();
        }
        if (node.raw().isArray()) {
            return new TrustedProxies(AddressSet.read(node), Header.ANY);
        }
        if (!node.raw().isObject()) {
            node.problem("must be a list of networks such as [ \"10.0.0.0/8\" ], or {addresses: [...], header: ...}");
            return none();
        }
        node.expectObject(new LinkedHashSet<>(List.of("addresses", "header")));
        AddressSet addresses = AddressSet.read(node.get("addresses"));
        String name = node.text("header", Header.ANY.configName());
        for (Header header : Header.values()) {
            if (header.configName().equalsIgnoreCase(name)) {
                return new TrustedProxies(addresses, header);
            }
        }
        node.get("header").problem("must be any, x-forwarded-for or forwarded, was '" + name + "'");
        return new TrustedProxies(addresses, Header.ANY);
    }

    public static TrustedProxies none() {
        return new TrustedProxies(AddressSet.empty(), Header.ANY);
    }

    public boolean isEmpty() {
        return addresses.isEmpty();
    }

    /** The client's address for a request that came from {@code peer} with {@code headers}. */
    public InetSocketAddress clientOf(InetSocketAddress peer, HttpHeaders headers) {
        if (peer == null || !addresses.contains(peer.getAddress())) {
            return peer;
        }
        List<ForwardedHop> hops = hops(headers);
        if (hops == null) {
            return peer;
        }
        InetSocketAddress farthest = peer;
        for (int i = hops.size() - 1; i >= 0; i--) {
            ForwardedHop hop = hops.get(i);
            if (!hop.known()) {
                return peer;
            }
            if (!addresses.contains(hop.address().getAddress())) {
                return hop.address();
            }
            farthest = hop.address();
        }
        return farthest;
    }

    private List<ForwardedHop> hops(HttpHeaders headers) {
        boolean xff = header != Header.FORWARDED && headers.contains(X_FORWARDED_FOR);
        if (xff) {
            return ForwardingHeaders.xForwardedFor(headers.getAll(X_FORWARDED_FOR));
        }
        if (header != Header.X_FORWARDED_FOR && headers.contains(FORWARDED)) {
            return ForwardingHeaders.forwarded(headers.getAll(FORWARDED));
        }
        return List.of();
    }
}

package dev.polygate.translators.http;

import dev.polygate.spi.TransportKind;
import io.netty.resolver.AddressResolverGroup;
import io.netty.resolver.dns.DnsAddressResolverGroup;
import io.netty.resolver.dns.DnsNameResolverChannelStrategy;
import io.netty.resolver.dns.DnsNameResolverBuilder;
import java.net.InetSocketAddress;
import java.util.EnumMap;
import java.util.Map;

/**
 * Non-blocking name resolution for upstream hosts, one resolver per event loop (the group makes them on
 * demand) with a shared TTL cache. Bootstrap's default would call the JDK resolver on the event loop.
 * IP literals and /etc/hosts names are answered without a query.
 */
final class DnsResolvers {
    private static final Map<TransportKind, AddressResolverGroup<InetSocketAddress>> GROUPS =
            new EnumMap<>(TransportKind.class);

    private DnsResolvers() {
    }

    /** Called while a configuration is built, never on an event loop. */
    static synchronized AddressResolverGroup<InetSocketAddress> forTransport(TransportKind transport) {
        return GROUPS.computeIfAbsent(transport, kind -> new DnsAddressResolverGroup(new DnsNameResolverBuilder()
                .datagramChannelType(UpstreamChannels.datagram(kind))
                .socketChannelType(UpstreamChannels.socket(kind))
                // A socket per query (answers are cached by TTL) rather than one held open for the loop's life:
                // on io_uring a held socket keeps a read buffer in flight, which outlives its loop at shutdown.
                .datagramChannelStrategy(DnsNameResolverChannelStrategy.ChannelPerResolution)));
    }
}

package dev.polygate.spi;

import io.netty.resolver.AddressResolverGroup;
import io.netty.resolver.dns.DnsAddressResolverGroup;
import io.netty.resolver.dns.DnsNameResolverBuilder;
import io.netty.resolver.dns.DnsNameResolverChannelStrategy;
import java.net.InetSocketAddress;
import java.util.EnumMap;
import java.util.Map;

/**
 * One gateway's non-blocking name resolution for the hosts its translators and policies connect to: per transport,
 * a group that makes one resolver per event loop on demand, with a TTL cache the loop's lookups share. Bootstrap's
 * default would call the JDK resolver on the event loop. IP literals and /etc/hosts names are answered without a
 * query. Reached through {@link TranslatorContext#resolver()}; kept in {@link GatewayShared}, so two gateways in
 * one JVM resolve apart.
 */
public final class UpstreamResolvers {
    private final Map<TransportKind, AddressResolverGroup<InetSocketAddress>> groups = new EnumMap<>(TransportKind.class);

    /** Called while a configuration is built, never on an event loop. */
    public synchronized AddressResolverGroup<InetSocketAddress> forTransport(TransportKind transport) {
        return groups.computeIfAbsent(transport, kind -> new DnsAddressResolverGroup(new DnsNameResolverBuilder()
                .datagramChannelType(kind.datagramChannel())
                .socketChannelType(kind.socketChannel())
                // A socket per query (answers are cached by TTL) rather than one held open for the loop's life:
                // on io_uring a held socket keeps a read buffer in flight, which outlives its loop at shutdown.
                .datagramChannelStrategy(DnsNameResolverChannelStrategy.ChannelPerResolution)));
    }
}

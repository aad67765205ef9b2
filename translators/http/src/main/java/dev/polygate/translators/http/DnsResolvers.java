package dev.polygate.translators.http;

import dev.polygate.spi.TransportKind;
import io.netty.channel.epoll.EpollDatagramChannel;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.channel.socket.nio.NioDatagramChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.resolver.AddressResolverGroup;
import io.netty.resolver.dns.DnsAddressResolverGroup;
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
        return GROUPS.computeIfAbsent(transport, kind -> new DnsAddressResolverGroup(kind == TransportKind.EPOLL
                ? new DnsNameResolverBuilder()
                        .datagramChannelType(EpollDatagramChannel.class)
                        .socketChannelType(EpollSocketChannel.class)
                : new DnsNameResolverBuilder()
                        .datagramChannelType(NioDatagramChannel.class)
                        .socketChannelType(NioSocketChannel.class)));
    }
}

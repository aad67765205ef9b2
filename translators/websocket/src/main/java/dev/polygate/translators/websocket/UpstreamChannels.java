package dev.polygate.translators.websocket;

import dev.polygate.spi.TransportKind;
import io.netty.channel.epoll.EpollDatagramChannel;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.channel.socket.DatagramChannel;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioDatagramChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.channel.uring.IoUringDatagramChannel;
import io.netty.channel.uring.IoUringSocketChannel;
import io.netty.resolver.AddressResolverGroup;
import io.netty.resolver.dns.DnsAddressResolverGroup;
import io.netty.resolver.dns.DnsNameResolverBuilder;
import io.netty.resolver.dns.DnsNameResolverChannelStrategy;
import java.net.InetSocketAddress;
import java.util.EnumMap;
import java.util.Map;

/** The channel classes of each event-loop transport, and a non-blocking resolver per transport. */
final class UpstreamChannels {
    private static final Map<TransportKind, AddressResolverGroup<InetSocketAddress>> RESOLVERS =
            new EnumMap<>(TransportKind.class);

    private UpstreamChannels() {
    }

    static Class<? extends SocketChannel> socket(TransportKind transport) {
        return switch (transport) {
            case IO_URING -> IoUringSocketChannel.class;
            case EPOLL -> EpollSocketChannel.class;
            case NIO -> NioSocketChannel.class;
        };
    }

    private static Class<? extends DatagramChannel> datagram(TransportKind transport) {
        return switch (transport) {
            case IO_URING -> IoUringDatagramChannel.class;
            case EPOLL -> EpollDatagramChannel.class;
            case NIO -> NioDatagramChannel.class;
        };
    }

    /** Called while a configuration is built, never on an event loop. A socket per query, as the http translator. */
    static synchronized AddressResolverGroup<InetSocketAddress> resolver(TransportKind transport) {
        return RESOLVERS.computeIfAbsent(transport, kind -> new DnsAddressResolverGroup(new DnsNameResolverBuilder()
                .datagramChannelType(datagram(kind))
                .socketChannelType(socket(kind))
                .datagramChannelStrategy(DnsNameResolverChannelStrategy.ChannelPerResolution)));
    }
}

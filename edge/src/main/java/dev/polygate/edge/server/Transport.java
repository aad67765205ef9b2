package dev.polygate.edge.server;

import dev.polygate.spi.TransportKind;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.IoHandlerFactory;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.ServerChannel;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioServerSocketChannel;

/**
 * The socket transport: native epoll on Linux where it loads, NIO elsewhere. {@code -Dpolygate.transport=nio}
 * forces NIO.
 */
public record Transport(TransportKind kind, IoHandlerFactory ioHandlerFactory,
                        Class<? extends ServerChannel> serverChannelClass) {

    public static Transport detect() {
        boolean forceNio = "nio".equalsIgnoreCase(System.getProperty("polygate.transport"));
        if (!forceNio && Epoll.isAvailable()) {
            return new Transport(TransportKind.EPOLL, EpollIoHandler.newFactory(), EpollServerSocketChannel.class);
        }
        return new Transport(TransportKind.NIO, NioIoHandler.newFactory(), NioServerSocketChannel.class);
    }

    public EventLoopGroup newGroup(int threads, String name) {
        return new MultiThreadIoEventLoopGroup(threads, new io.netty.util.concurrent.DefaultThreadFactory(name, true),
                ioHandlerFactory);
    }
}

package dev.polygate.spi;

import io.netty.channel.epoll.EpollDatagramChannel;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.channel.socket.DatagramChannel;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioDatagramChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.channel.uring.IoUringDatagramChannel;
import io.netty.channel.uring.IoUringSocketChannel;

/** The socket transport of the gateway's event loops. */
public enum TransportKind {
    /** Linux native epoll. */
    EPOLL(EpollSocketChannel.class, EpollDatagramChannel.class),
    /** Linux io_uring: submissions and completions batched through shared rings, fewer system calls. */
    IO_URING(IoUringSocketChannel.class, IoUringDatagramChannel.class),
    /** The portable Java NIO transport. */
    NIO(NioSocketChannel.class, NioDatagramChannel.class);

    private final Class<? extends SocketChannel> socketChannel;
    private final Class<? extends DatagramChannel> datagramChannel;

    TransportKind(Class<? extends SocketChannel> socketChannel, Class<? extends DatagramChannel> datagramChannel) {
        this.socketChannel = socketChannel;
        this.datagramChannel = datagramChannel;
    }

    /** The client TCP channel that runs on this transport's event loops (a loop serves its own kind only). */
    public Class<? extends SocketChannel> socketChannel() {
        return socketChannel;
    }

    /** The UDP channel that runs on this transport's event loops (DNS queries). */
    public Class<? extends DatagramChannel> datagramChannel() {
        return datagramChannel;
    }
}

package dev.polygate.edge.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.polygate.spi.TransportKind;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.uring.IoUring;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Which transport the gateway's loops run on: the fastest that loads, or the one asked for. */
class TransportTest {
    private static final String PROPERTY = "polygate.transport";

    @AfterEach
    void forget() {
        System.clearProperty(PROPERTY);
    }

    @Test
    void io_uringWhereTheKernelAllowsIt() {
        assumeTrue(IoUring.isAvailable(), "io_uring is not available here");
        Transport transport = Transport.detect();
        assertThat(transport.kind()).isEqualTo(TransportKind.IO_URING);
        assertThat(transport.serverChannelClass().getSimpleName()).isEqualTo("IoUringServerSocketChannel");
    }

    @Test
    void epollAndNioWhenAskedFor() {
        assumeTrue(Epoll.isAvailable(), "native epoll is not available here");
        System.setProperty(PROPERTY, "epoll");
        assertThat(Transport.detect().kind()).isEqualTo(TransportKind.EPOLL);
        System.setProperty(PROPERTY, " NIO ");
        assertThat(Transport.detect().kind()).isEqualTo(TransportKind.NIO);
    }
}

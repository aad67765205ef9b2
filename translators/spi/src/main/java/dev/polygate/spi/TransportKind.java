package dev.polygate.spi;

/** The socket transport of the gateway's event loops. */
public enum TransportKind {
    /** Linux native epoll. */
    EPOLL,
    /** Linux io_uring: submissions and completions batched through shared rings, fewer system calls. */
    IO_URING,
    /** The portable Java NIO transport. */
    NIO
}

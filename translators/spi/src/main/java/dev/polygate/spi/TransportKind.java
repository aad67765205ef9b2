package dev.polygate.spi;

/** The socket transport of the gateway's event loops. */
public enum TransportKind {
    /** Linux native epoll. */
    EPOLL,
    /** The portable Java NIO transport. */
    NIO
}

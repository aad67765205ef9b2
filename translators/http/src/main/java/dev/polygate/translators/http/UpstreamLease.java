package dev.polygate.translators.http;

import io.netty.channel.Channel;

/** The right to send one request upstream: a whole HTTP/1.1 connection, or one HTTP/2 stream. */
interface UpstreamLease {
    /** Where the request's HttpObjects are written and the exchange's handler is added. */
    Channel channel();

    Endpoint endpoint();

    boolean isHttp2();

    /** The connection served an earlier exchange, so it may have been closed by the server meanwhile. */
    boolean reused();

    /** Request and response are complete; a kept-alive HTTP/1.1 connection goes back to the pool. */
    void release();

    /** The exchange broke off: the HTTP/1.1 connection is closed, the HTTP/2 stream reset. */
    void abort();
}

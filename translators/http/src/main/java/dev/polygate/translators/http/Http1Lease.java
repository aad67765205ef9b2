package dev.polygate.translators.http;

import io.netty.channel.Channel;

/** An HTTP/1.1 connection lent to one exchange; it returns to its pool only on a clean finish. */
final class Http1Lease implements UpstreamLease {
    private final EndpointPool pool;
    private final UpstreamConnection connection;
    private final boolean reused;
    private boolean returned;

    Http1Lease(EndpointPool pool, UpstreamConnection connection, boolean reused) {
        this.pool = pool;
        this.connection = connection;
        this.reused = reused;
    }

    @Override
    public Channel channel() {
        return connection.channel();
    }

    @Override
    public Endpoint endpoint() {
        return connection.endpoint();
    }

    @Override
    public boolean isHttp2() {
        return false;
    }

    @Override
    public boolean reused() {
        return reused;
    }

    @Override
    public void release() {
        if (!returned) {
            returned = true;
            pool.offer(connection);
        }
    }

    @Override
    public void abort() {
        if (!returned) {
            returned = true;
            connection.unlease();
            connection.channel().close();
        }
    }
}

package dev.polygate.translators.http;

import dev.polygate.spi.ErrorKind;
import dev.polygate.spi.GatewayException;
import io.netty.channel.EventLoop;
import io.netty.handler.codec.http2.Http2StreamChannel;
import io.netty.handler.codec.http2.Http2StreamChannelBootstrap;
import io.netty.util.concurrent.Future;
import io.netty.util.concurrent.Promise;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

/**
 * The connections of one event loop to one endpoint. Only that loop touches it, so it needs no locks.
 *
 * <p>HTTP/1.1: idle connections wait in a stack (the most recently used is reused first, so surplus
 * connections age out); at most {@code maxConnections} are open or opening at once, and an acquire beyond
 * that fails fast with 503 rather than queueing, so a slow upstream sheds load instead of piling it up.
 * HTTP/2: one multiplexed connection; exchanges that arrive while it is being opened wait for it.
 */
final class EndpointPool {
    private final Upstream upstream;
    private final Endpoint endpoint;
    private final EventLoop loop;
    private final Duration idleTimeout;
    private final int maxConnections;
    private final ArrayDeque<UpstreamConnection> idle = new ArrayDeque<>();
    /** HTTP/1.1 connections open or opening, and https ones whose protocol is not negotiated yet. */
    private int http1Connections;
    private UpstreamConnection http2;
    /** Non-null while a multiplexed connection is being opened. */
    private List<Promise<UpstreamLease>> http2Waiters;
    /** h2c always; https once its server chose h2, so later exchanges share one connection. */
    private boolean multiplexed;

    EndpointPool(Upstream upstream, Endpoint endpoint, EventLoop loop) {
        this.upstream = upstream;
        this.endpoint = endpoint;
        this.loop = loop;
        this.idleTimeout = upstream.config().idleTimeout() == null ? Duration.ZERO : upstream.config().idleTimeout();
        this.maxConnections = Math.max(1, upstream.config().maxConnectionsPerLoop());
        this.multiplexed = endpoint.scheme() == Scheme.H2C;
    }

    Endpoint endpoint() {
        return endpoint;
    }

    boolean hasCapacity() {
        return multiplexed || (http2 != null && http2.acceptsStreams()) || !idle.isEmpty()
                || http1Connections < maxConnections;
    }

    /**
     * Completes {@code lease} with a connection or stream, or fails it with the connect error.
     *
     * @param fresh skip idle connections: the exchange's last one turned out stale
     */
    void acquire(Promise<UpstreamLease> lease, boolean fresh) {
        if (http2 != null && http2.acceptsStreams()) {
            openStream(http2, lease);
            return;
        }
        if (multiplexed) {
            awaitHttp2(lease);
            return;
        }
        if (!fresh) {
            UpstreamConnection connection;
            while ((connection = idle.pollLast()) != null) {
                if (connection.channel().isActive()) {
                    lease.trySuccess(leaseHttp1(connection));
                    return;
                }
            }
        }
        if (http1Connections >= maxConnections) {
            String busy = "upstream '" + upstream.name() + "': all " + maxConnections + " connections to ";
            lease.tryFailure(new GatewayException(ErrorKind.UPSTREAM_UNAVAILABLE, busy + "one endpoint are busy",
                    busy + endpoint + " are busy", null));
            return;
        }
        http1Connections++;
        upstream.connector().connect(endpoint, loop).addListener(f -> connected(f, lease));
    }

    /** A connection whose exchange finished cleanly; it waits for the next one unless it is closing. */
    void offer(UpstreamConnection connection) {
        connection.unlease();
        if (upstream.isRetired() || !connection.channel().isActive()) {
            connection.channel().close();
            return;
        }
        idle.addLast(connection);
        connection.closeWhenIdleFor(idleTimeout, () -> idle.remove(connection));
    }

    /** The upstream is no longer configured: close what is idle; busy connections close when done. */
    void retire() {
        UpstreamConnection connection;
        while ((connection = idle.pollLast()) != null) {
            connection.channel().close();
        }
        if (http2 != null && http2.activeStreams() == 0) {
            http2.channel().close();
        }
    }

    private void connected(Future<? super UpstreamConnection> f, Promise<UpstreamLease> lease) {
        if (!f.isSuccess()) {
            http1Connections--;
            lease.tryFailure(f.cause());
            return;
        }
        UpstreamConnection connection = (UpstreamConnection) f.getNow();
        if (connection.isHttp2()) {
            // An https server that chose h2: from now on this endpoint is multiplexed.
            http1Connections--;
            multiplexed = true;
            if (http2 == null || !http2.acceptsStreams()) {
                adoptHttp2(connection);
            } else {
                connection.channel().close();
            }
            openStream(http2, lease);
            return;
        }
        trackHttp1(connection);
        lease.trySuccess(leaseHttp1(connection));
    }

    private void awaitHttp2(Promise<UpstreamLease> lease) {
        if (http2Waiters != null) {
            http2Waiters.add(lease);
            return;
        }
        http2Waiters = new ArrayList<>(4);
        http2Waiters.add(lease);
        upstream.connector().connect(endpoint, loop).addListener(this::http2Connected);
    }

    private void http2Connected(Future<? super UpstreamConnection> f) {
        List<Promise<UpstreamLease>> waiters = http2Waiters;
        http2Waiters = null;
        if (!f.isSuccess()) {
            for (Promise<UpstreamLease> waiter : waiters) {
                waiter.tryFailure(f.cause());
            }
            return;
        }
        UpstreamConnection connection = (UpstreamConnection) f.getNow();
        if (connection.isHttp2()) {
            adoptHttp2(connection);
            for (Promise<UpstreamLease> waiter : waiters) {
                openStream(connection, waiter);
            }
            return;
        }
        // The https server now prefers HTTP/1.1: the first waiter takes this connection, the rest queue anew.
        multiplexed = false;
        http1Connections++;
        trackHttp1(connection);
        waiters.get(0).trySuccess(leaseHttp1(connection));
        for (Promise<UpstreamLease> waiter : waiters.subList(1, waiters.size())) {
            acquire(waiter, false);
        }
    }

    private void trackHttp1(UpstreamConnection connection) {
        connection.channel().closeFuture().addListener(f -> {
            http1Connections--;
            idle.remove(connection);
        });
    }

    private Http1Lease leaseHttp1(UpstreamConnection connection) {
        connection.lease();
        return new Http1Lease(this, connection, connection.markServed());
    }

    private void adoptHttp2(UpstreamConnection connection) {
        UpstreamConnection previous = http2;
        http2 = connection;
        connection.channel().closeFuture().addListener(f -> {
            if (http2 == connection) {
                http2 = null;
            }
        });
        if (previous != null && previous.activeStreams() == 0) {
            previous.channel().close();
        }
    }

    private void openStream(UpstreamConnection connection, Promise<UpstreamLease> lease) {
        connection.streamOpened();
        boolean reused = connection.markServed();
        new Http2StreamChannelBootstrap(connection.channel())
                .handler(UpstreamPipelines.http2Stream())
                .open()
                .addListener((Future<Http2StreamChannel> f) -> {
                    if (!f.isSuccess()) {
                        streamClosed(connection);
                        lease.tryFailure(f.cause());
                        return;
                    }
                    Http2StreamChannel stream = f.getNow();
                    stream.closeFuture().addListener(closed -> streamClosed(connection));
                    if (!lease.trySuccess(new Http2StreamLease(stream, endpoint, reused))) {
                        stream.close();
                    }
                });
    }

    private void streamClosed(UpstreamConnection connection) {
        if (connection.streamClosed() > 0) {
            return;
        }
        if (connection != http2 || upstream.isRetired()) {
            // Superseded after GOAWAY, or no longer configured: its last stream is done.
            connection.channel().close();
            return;
        }
        connection.closeWhenIdleFor(idleTimeout, () -> { });
    }
}

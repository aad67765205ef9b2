package dev.polygate.translators.http;

import io.netty.channel.Channel;
import io.netty.util.concurrent.ScheduledFuture;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * One TCP (or TLS) connection to an endpoint, owned by the pool of its event loop. Its state is touched only
 * on that loop.
 */
final class UpstreamConnection {
    private final Channel channel;
    private final Endpoint endpoint;
    private boolean http2;
    private boolean leased;
    private boolean servedBefore;
    private boolean goingAway;
    private int activeStreams;
    private ScheduledFuture<?> idleClose;

    UpstreamConnection(Channel channel, Endpoint endpoint) {
        this.channel = channel;
        this.endpoint = endpoint;
    }

    Channel channel() {
        return channel;
    }

    Endpoint endpoint() {
        return endpoint;
    }

    boolean isHttp2() {
        return http2;
    }

    /** Set once the protocol is known: at connect for h2c, after ALPN for https. */
    void useHttp2() {
        this.http2 = true;
    }

    /** True while an exchange owns this HTTP/1.1 connection; a response outside of one is a protocol error. */
    boolean isLeased() {
        return leased;
    }

    void lease() {
        cancelIdleClose();
        leased = true;
    }

    /** @return whether it had served an exchange before this one (a reused connection may have gone stale) */
    boolean markServed() {
        boolean before = servedBefore;
        servedBefore = true;
        return before;
    }

    void unlease() {
        leased = false;
    }

    boolean acceptsStreams() {
        return http2 && channel.isActive() && !goingAway;
    }

    /** The peer sent GOAWAY: running streams finish, new ones go to a new connection. */
    void goingAway() {
        goingAway = true;
    }

    void streamOpened() {
        cancelIdleClose();
        activeStreams++;
    }

    /** @return the streams still open */
    int streamClosed() {
        return --activeStreams;
    }

    int activeStreams() {
        return activeStreams;
    }

    /** Closes the connection after {@code timeout} unless it is used again before. */
    void closeWhenIdleFor(Duration timeout, Runnable onIdleClose) {
        cancelIdleClose();
        if (timeout.isZero() || timeout.isNegative()) {
            return;
        }
        idleClose = channel.eventLoop().schedule(() -> {
            idleClose = null;
            onIdleClose.run();
            channel.close();
        }, timeout.toNanos(), TimeUnit.NANOSECONDS);
    }

    private void cancelIdleClose() {
        if (idleClose != null) {
            idleClose.cancel(false);
            idleClose = null;
        }
    }

    @Override
    public String toString() {
        return (http2 ? "h2 " : "h1 ") + endpoint + " " + channel.id().asShortText();
    }
}

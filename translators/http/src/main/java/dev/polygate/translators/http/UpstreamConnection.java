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
    private long idleSince;
    private long idleTimeoutNanos;
    private Runnable onIdleClose;

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
        markInUse();
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
        markInUse();
        activeStreams++;
    }

    /** @return the streams still open */
    int streamClosed() {
        return --activeStreams;
    }

    int activeStreams() {
        return activeStreams;
    }

    /**
     * Closes the connection after {@code timeout} unless it is used again before. Reuse only clears a
     * timestamp: the one timer per connection looks at it when it fires, so a busy connection costs no
     * timer scheduling per exchange.
     */
    void closeWhenIdleFor(Duration timeout, Runnable onIdleClose) {
        if (timeout.isZero() || timeout.isNegative()) {
            return;
        }
        idleSince = System.nanoTime();
        idleTimeoutNanos = timeout.toNanos();
        this.onIdleClose = onIdleClose;
        if (idleClose == null) {
            scheduleIdleCheck(idleTimeoutNanos);
        }
    }

    private void scheduleIdleCheck(long delayNanos) {
        idleClose = channel.eventLoop().schedule(this::checkIdle, delayNanos, TimeUnit.NANOSECONDS);
    }

    private void checkIdle() {
        idleClose = null;
        if (idleSince == 0) {
            return; // in use; the next return to the pool starts a new check
        }
        long quiet = System.nanoTime() - idleSince;
        if (quiet < idleTimeoutNanos) {
            scheduleIdleCheck(idleTimeoutNanos - quiet);
            return;
        }
        onIdleClose.run();
        channel.close();
    }

    private void markInUse() {
        idleSince = 0;
    }

    @Override
    public String toString() {
        return (http2 ? "h2 " : "h1 ") + endpoint + " " + channel.id().asShortText();
    }
}

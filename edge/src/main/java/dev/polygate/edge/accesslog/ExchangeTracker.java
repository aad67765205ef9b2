package dev.polygate.edge.accesslog;

import dev.polygate.edge.exchange.DownstreamExchange;
import dev.polygate.edge.exchange.ExchangeObserver;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

/** Counts exchanges in flight (what graceful shutdown waits for) and writes the access log. */
public final class ExchangeTracker implements ExchangeObserver {
    private final AtomicLong inFlight = new AtomicLong();
    private final AccessLog accessLog;

    /** @param accessLog null when the access log is off */
    public ExchangeTracker(AccessLog accessLog) {
        this.accessLog = accessLog;
    }

    @Override
    public void started(DownstreamExchange exchange) {
        inFlight.incrementAndGet();
    }

    @Override
    public void finished(DownstreamExchange exchange) {
        inFlight.decrementAndGet();
        if (accessLog != null) {
            accessLog.record(exchange);
        }
    }

    public long inFlight() {
        return inFlight.get();
    }

    /** Waits (off the event loops) until no exchange is in flight or the timeout passes. */
    public boolean awaitIdle(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (inFlight.get() > 0) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            synchronized (this) {
                wait(20);
            }
        }
        return true;
    }
}

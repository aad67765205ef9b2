package dev.polygate.policies.ratelimit.concurrency;

/**
 * One exchange's place among its key's in-flight exchanges, given back once whichever way the exchange ends: its
 * response ends or fails, the client leaves, or its WebSocket session ends.
 */
final class Permit {
    private final InFlight inFlight;
    private final String key;
    private boolean released;

    Permit(InFlight inFlight, String key) {
        this.inFlight = inFlight;
        this.key = key;
    }

    /** Called on the exchange's executor, so the flag needs no lock. */
    void release() {
        if (!released) {
            released = true;
            inFlight.release(key);
        }
    }
}

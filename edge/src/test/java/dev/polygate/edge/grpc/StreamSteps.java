package dev.polygate.edge.grpc;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * Lets a test pace a backend stream: a stepped stream sends its next message only once the test allows it,
 * so a client that reads message N before allowing N+1 proves each message arrived on its own, not in the
 * final body. Streams not registered here run freely.
 */
final class StreamSteps {
    private static final long MAX_WAIT_SECONDS = 10;
    private final Map<String, Semaphore> gates = new ConcurrentHashMap<>();
    private final Semaphore cancelled = new Semaphore(0);

    /** Registers a stream key; its messages wait for {@link #allow(String)}. */
    void stepped(String key) {
        gates.put(key, new Semaphore(0));
    }

    /** Lets the stream send one more message. */
    void allow(String key) {
        gates.get(key).release();
    }

    /** Called by a stream the client went away from. */
    void cancelled() {
        cancelled.release();
    }

    /** Whether some stream was cancelled within a few seconds. */
    boolean awaitCancelledStream() throws InterruptedException {
        return cancelled.tryAcquire(5, TimeUnit.SECONDS);
    }

    /** Waits for permission to send; false when the test never gave it (the stream then ends with an error). */
    boolean await(String key) throws InterruptedException {
        Semaphore gate = gates.get(key);
        return gate == null || gate.tryAcquire(MAX_WAIT_SECONDS, TimeUnit.SECONDS);
    }
}

/**
 * A session's messages in flight, oldest first: the send time of each, so that a reply (which answers the
 * oldest message: echoes and the benchmark Chat answer in order) gives its latency. Confined to one thread.
 */
final class Window {
    private final long[] sentAt;
    private int oldest;
    private int size;

    Window(int capacity) {
        sentAt = new long[capacity];
    }

    boolean full() {
        return size == sentAt.length;
    }

    boolean empty() {
        return size == 0;
    }

    void sent(long nanos) {
        sentAt[(oldest + size) % sentAt.length] = nanos;
        size++;
    }

    /** Removes the oldest message and returns its send time. */
    long answered() {
        long nanos = sentAt[oldest];
        oldest = (oldest + 1) % sentAt.length;
        size--;
        return nanos;
    }
}

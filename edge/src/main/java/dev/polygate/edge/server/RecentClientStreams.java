package dev.polygate.edge.server;

import java.util.BitSet;

/**
 * What an HTTP/2 connection remembers of the client's most recent stream identifiers: whether each was opened, and
 * whether the client ended it (END_STREAM). The codec forgets a stream once it closes; this keeps one bit of each
 * for the last {@value #SIZE} identifiers, so older ones are simply not remembered.
 */
final class RecentClientStreams {
    private static final int SIZE = 1024; // a power of two

    private final BitSet opened = new BitSet(SIZE);
    private final BitSet ended = new BitSet(SIZE);
    private int highest;

    void opened(int id) {
        if (id > highest) {
            // The identifiers skipped on the way up were never opened; their slots may hold older identifiers.
            int first = Math.max(highest == 0 ? 1 : highest + 2, id - 2 * (SIZE - 1));
            for (int skipped = first; skipped < id; skipped += 2) {
                opened.clear(slot(skipped));
                ended.clear(slot(skipped));
            }
            highest = id;
        }
        opened.set(slot(id));
        ended.clear(slot(id));
    }

    void ended(int id) {
        if (remembers(id)) {
            ended.set(slot(id));
        }
    }

    /** Whether {@code id} is at or below the highest identifier opened, and recent enough to be known. */
    boolean remembers(int id) {
        return id <= highest && id > highest - 2 * SIZE;
    }

    boolean wasOpened(int id) {
        return remembers(id) && opened.get(slot(id));
    }

    boolean endedByClient(int id) {
        return remembers(id) && ended.get(slot(id));
    }

    private static int slot(int id) {
        return (id >>> 1) & (SIZE - 1);
    }
}

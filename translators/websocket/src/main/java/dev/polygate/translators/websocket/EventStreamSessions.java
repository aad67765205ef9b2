package dev.polygate.translators.websocket;

import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * The event-stream sessions open on this gateway, by id: one registry per gateway (kept across reloads, so a POST
 * reaches a session opened under the previous configuration), local to this node. An id is 128 random bits: knowing
 * it is what lets a client post into the session.
 */
final class EventStreamSessions {
    private final ConcurrentMap<String, EventStreamSession> open = new ConcurrentHashMap<>();
    private final SecureRandom random = seededGenerator();

    /**
     * A deterministic random bit generator seeded here, when the gateway builds its configuration: ids are then
     * drawn on event loops without reading the system's entropy file there (the default generator reads
     * {@code /dev/urandom} on every draw).
     */
    private static SecureRandom seededGenerator() {
        SecureRandom generator;
        try {
            generator = SecureRandom.getInstance("DRBG");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no DRBG", e);
        }
        generator.nextBytes(new byte[16]); // the first draw instantiates it from the entropy source
        return generator;
    }

    /** Registers {@code session} under a new id, which it returns. */
    String register(EventStreamSession session) {
        byte[] bytes = new byte[16];
        while (true) {
            random.nextBytes(bytes);
            String id = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
            if (open.putIfAbsent(id, session) == null) {
                return id;
            }
        }
    }

    EventStreamSession get(String id) {
        return open.get(id);
    }

    void remove(String id, EventStreamSession session) {
        open.remove(id, session);
    }

    int size() {
        return open.size();
    }
}

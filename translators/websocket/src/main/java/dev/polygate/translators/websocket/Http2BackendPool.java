package dev.polygate.translators.websocket;

import io.netty.channel.EventLoop;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The ready HTTP/2 connections of one route's backend, per event loop and endpoint: sessions of a loop share its
 * connections (each session a stream), so the lists of a loop are only touched on that loop and need no lock.
 */
final class Http2BackendPool {
    private final Map<EventLoop, Map<WsEndpoint, List<Http2BackendConnection>>> byLoop = new ConcurrentHashMap<>();

    /** A connection of this loop to {@code endpoint} that takes another stream, or null. On the loop. */
    Http2BackendConnection find(EventLoop loop, WsEndpoint endpoint) {
        List<Http2BackendConnection> connections = connections(loop, endpoint);
        for (Http2BackendConnection connection : connections) {
            if (connection.takesAnotherStream()) {
                return connection;
            }
        }
        return null;
    }

    /** On the loop. */
    void add(EventLoop loop, WsEndpoint endpoint, Http2BackendConnection connection) {
        connections(loop, endpoint).add(connection);
    }

    /** On the loop; a connection not in the pool is ignored. */
    void remove(EventLoop loop, WsEndpoint endpoint, Http2BackendConnection connection) {
        connections(loop, endpoint).remove(connection);
    }

    private List<Http2BackendConnection> connections(EventLoop loop, WsEndpoint endpoint) {
        return byLoop.computeIfAbsent(loop, key -> new HashMap<>()).computeIfAbsent(endpoint, key -> new ArrayList<>(2));
    }
}

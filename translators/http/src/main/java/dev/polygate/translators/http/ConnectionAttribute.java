package dev.polygate.translators.http;

import io.netty.util.AttributeKey;

/** Finds the pool's record of a connection from its channel. */
final class ConnectionAttribute {
    static final AttributeKey<UpstreamConnection> KEY = AttributeKey.valueOf(UpstreamConnection.class, "connection");

    private ConnectionAttribute() {
    }
}

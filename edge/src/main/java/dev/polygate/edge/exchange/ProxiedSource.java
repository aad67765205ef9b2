package dev.polygate.edge.exchange;

import io.netty.channel.Channel;
import io.netty.util.AttributeKey;
import java.net.InetSocketAddress;

/**
 * The client's address a PROXY protocol header named for a connection: the balancer in front only carried the
 * bytes, so this address, not the balancer's, is the connection's peer for everything above.
 */
public final class ProxiedSource {
    private static final AttributeKey<InetSocketAddress> SOURCE = AttributeKey.valueOf("polygate.proxied-source");

    private ProxiedSource() {
    }

    /** Records {@code source} for {@code connection}; set once, before the first request is read. */
    public static void set(Channel connection, InetSocketAddress source) {
        connection.attr(SOURCE).set(source);
    }

    /** The source a PROXY header named, or null when none did (no PROXY protocol, or a LOCAL connection). */
    static InetSocketAddress of(Channel connection) {
        return connection.hasAttr(SOURCE) ? connection.attr(SOURCE).get() : null;
    }
}

package dev.polygate.edge.config;

import dev.polygate.spi.ConfigNode;
import java.time.Duration;

/**
 * A route's {@code websocket} section: the limits of WebSocket sessions the gateway holds with clients.
 *
 * @param maxFrameSize     largest frame payload a client may send (1009 beyond); by default 1 MiB, or
 *                         maxMessageSize when that is smaller
 * @param maxMessageSize   largest message, all fragments together and after decompression (1009 beyond)
 * @param handshakeTimeout how long the translator may take to accept or refuse a handshake (504 beyond)
 * @param idleTimeout      a session without frames either way this long is closed with 1001; zero for never
 * @param pingInterval     a ping is sent to a client silent this long; zero for none
 * @param compression      whether permessage-deflate is negotiated when the client offers it
 */
public record WebSocketConfig(int maxFrameSize, long maxMessageSize, Duration handshakeTimeout, Duration idleTimeout,
                              Duration pingInterval, boolean compression) {

    public static final WebSocketConfig DEFAULT = new WebSocketConfig(1024 * 1024, 16L * 1024 * 1024,
            Duration.ofSeconds(10), Duration.ZERO, Duration.ZERO, true);

    /** Reads the section; problems are recorded on the node, defaults fill what is missing or wrong. */
    static WebSocketConfig read(ConfigNode node) {
        if (!node.isPresent()) {
            return DEFAULT;
        }
        node.expectObject(ConfigLoader.ordered("maxFrameSize", "maxMessageSize", "handshakeTimeout", "idleTimeout",
                "pingInterval", "compression"));
        long message = node.size("maxMessageSize", DEFAULT.maxMessageSize());
        if (message < 125) {
            node.get("maxMessageSize").problem("must be at least 125 bytes");
            message = DEFAULT.maxMessageSize();
        }
        // A route that only lowers maxMessageSize gets frames no larger than its messages.
        long frame = node.size("maxFrameSize", Math.min(DEFAULT.maxFrameSize(), message));
        if (frame < 125 || frame > Integer.MAX_VALUE) {
            node.get("maxFrameSize").problem("must be between 125 bytes and 2GiB");
            frame = Math.min(DEFAULT.maxFrameSize(), message);
        }
        if (message < frame) {
            node.get("maxMessageSize").problem("must be at least maxFrameSize (" + frame
                    + "): lower maxFrameSize too, or leave it out");
            message = Math.max(frame, DEFAULT.maxMessageSize());
        }
        Duration handshake = node.duration("handshakeTimeout", DEFAULT.handshakeTimeout());
        if (handshake.isZero() || handshake.isNegative()) {
            node.get("handshakeTimeout").problem("must be positive");
            handshake = DEFAULT.handshakeTimeout();
        }
        Duration idle = node.duration("idleTimeout", DEFAULT.idleTimeout());
        Duration ping = node.duration("pingInterval", DEFAULT.pingInterval());
        if (!idle.isZero() && !ping.isZero() && ping.compareTo(idle) >= 0) {
            node.get("pingInterval").problem("must be shorter than idleTimeout (" + idle + "), or pings never go out");
        }
        return new WebSocketConfig((int) frame, message, handshake, idle, ping, node.bool("compression", true));
    }
}

package dev.polygate.edge.config;

import java.time.Duration;

/**
 * Protocol limits that protect the gateway from floods and malformed input.
 *
 * @param maxHeaderSize        total request header bytes (HTTP/1.1) or header list size (HTTP/2); beyond: 431
 * @param maxInitialLineLength request line bytes; beyond: 414
 * @param maxRequestBody       request body bytes for every route; 0 = no global limit; beyond: 413
 * @param maxConcurrentStreams HTTP/2 streams per connection
 * @param maxRstFramesPerMinute HTTP/2 resets a client may cause per minute before the connection is closed
 * @param clientIdleTimeout    a client connection idle this long is closed
 * @param proxyProtocolTimeout on listeners with {@code proxyProtocol}, a connection whose PROXY header has not
 *                             arrived whole this long after it opened is closed
 */
public record LimitsConfig(int maxHeaderSize, int maxInitialLineLength, long maxRequestBody, int maxConcurrentStreams,
                           int maxRstFramesPerMinute, Duration clientIdleTimeout, Duration proxyProtocolTimeout) {
    public static final Duration DEFAULT_PROXY_PROTOCOL_TIMEOUT = Duration.ofSeconds(5);

    public LimitsConfig(int maxHeaderSize, int maxInitialLineLength, long maxRequestBody, int maxConcurrentStreams,
                        int maxRstFramesPerMinute, Duration clientIdleTimeout) {
        this(maxHeaderSize, maxInitialLineLength, maxRequestBody, maxConcurrentStreams, maxRstFramesPerMinute,
                clientIdleTimeout, DEFAULT_PROXY_PROTOCOL_TIMEOUT);
    }
}

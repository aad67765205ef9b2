package dev.polygate.edge.websocket;

import static dev.polygate.edge.websocket.PerMessageDeflateOffer.CLIENT_NO_CONTEXT_TAKEOVER;
import static dev.polygate.edge.websocket.PerMessageDeflateOffer.SERVER_MAX_WINDOW_BITS;
import static dev.polygate.edge.websocket.PerMessageDeflateOffer.SERVER_NO_CONTEXT_TAKEOVER;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandler;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.ContinuationWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;

/**
 * The permessage-deflate (RFC 7692) agreed with a client: the first offer of its header the gateway can honour, the
 * answer to it, and the {@link PerMessageCompressor} and {@link PerMessageInflater} that carry it out. A message may
 * inflate to no more than the route's message limit, so a small compressed frame cannot expand into gigabytes (a
 * compression bomb); beyond it the session is failed with 1009.
 * <p>
 * What is honoured: {@code server_no_context_takeover} (the compressor is reset after each message),
 * {@code client_no_context_takeover} (echoed: the inflater is reset after each message), and
 * {@code client_max_window_bits} with or without a value (the inflater's 32 KiB window reads any smaller window; the
 * answer leaves the parameter out, as RFC 7692 section 7.1.2.2 allows). {@code server_max_window_bits} is honoured
 * at 15 only, and then echoed as RFC 7692 section 7.1.2.1 wants: the JDK's deflater always uses a 32 KiB window, so
 * an offer asking for a smaller one is declined and the client's next offer, if any, is considered.
 */
record PerMessageDeflate(PerMessageDeflateOffer offer, long maxMessageSize) {
    private static final int LARGEST_WINDOW_BITS = 15;

    /** @return the agreement, or null when the client offers nothing the gateway accepts */
    static PerMessageDeflate negotiate(String offers, long maxMessageSize) {
        for (PerMessageDeflateOffer offer : PerMessageDeflateOffer.read(offers)) {
            if (offer.serverMaxWindowBits() == PerMessageDeflateOffer.ABSENT
                    || offer.serverMaxWindowBits() == LARGEST_WINDOW_BITS) {
                return new PerMessageDeflate(offer, maxMessageSize);
            }
        }
        return null;
    }

    /** Compresses the server's messages. */
    ChannelHandler newCompressor() {
        return new PerMessageCompressor(offer.serverNoContextTakeover());
    }

    /** Inflates the client's messages, up to the route's message limit. */
    ChannelHandler newInflater() {
        return new PerMessageInflater(offer.clientNoContextTakeover(), maxMessageSize);
    }

    /** A frame of {@code frame}'s kind and fin bit with other RSV bits and payload. */
    static WebSocketFrame withPayload(WebSocketFrame frame, int rsv, ByteBuf payload) {
        if (frame instanceof TextWebSocketFrame) {
            return new TextWebSocketFrame(frame.isFinalFragment(), rsv, payload);
        }
        if (frame instanceof BinaryWebSocketFrame) {
            return new BinaryWebSocketFrame(frame.isFinalFragment(), rsv, payload);
        }
        return new ContinuationWebSocketFrame(frame.isFinalFragment(), rsv, payload);
    }

    /** The {@code Sec-WebSocket-Extensions} value that accepts the offer. */
    String responseHeader() {
        StringBuilder value = new StringBuilder(PerMessageDeflateOffer.NAME);
        if (offer.serverNoContextTakeover()) {
            value.append("; ").append(SERVER_NO_CONTEXT_TAKEOVER);
        }
        if (offer.clientNoContextTakeover()) {
            value.append("; ").append(CLIENT_NO_CONTEXT_TAKEOVER);
        }
        if (offer.serverMaxWindowBits() != PerMessageDeflateOffer.ABSENT) {
            value.append("; ").append(SERVER_MAX_WINDOW_BITS).append('=').append(LARGEST_WINDOW_BITS);
        }
        return value.toString();
    }
}

package dev.polygate.edge.websocket;

import io.netty.handler.codec.compression.ZlibCodecFactory;
import io.netty.handler.codec.http.websocketx.extensions.WebSocketExtensionData;
import io.netty.handler.codec.http.websocketx.extensions.WebSocketExtensionUtil;
import io.netty.handler.codec.http.websocketx.extensions.WebSocketServerExtension;
import io.netty.handler.codec.http.websocketx.extensions.compression.PerMessageDeflateServerExtensionHandshaker;
import java.util.Map;

/**
 * Negotiates permessage-deflate (RFC 7692) from the client's offers. The inflater of each frame may allocate no more
 * than the route's message limit, so a small compressed frame cannot expand into gigabytes (a compression bomb);
 * beyond it the session is failed with 1009.
 */
final class PerMessageDeflate {
    static final String NAME = "permessage-deflate";

    private PerMessageDeflate() {
    }

    /** @return the agreed extension, or null when the client offers none the gateway accepts */
    static WebSocketServerExtension negotiate(String offers, long maxMessageSize) {
        if (offers == null || offers.isBlank()) {
            return null;
        }
        int maxAllocation = (int) Math.min(Integer.MAX_VALUE, maxMessageSize);
        PerMessageDeflateServerExtensionHandshaker handshaker = new PerMessageDeflateServerExtensionHandshaker(6,
                ZlibCodecFactory.isSupportingWindowSizeAndMemLevel(),
                PerMessageDeflateServerExtensionHandshaker.MAX_WINDOW_SIZE, false, false, maxAllocation);
        for (WebSocketExtensionData offer : WebSocketExtensionUtil.extractExtensions(offers)) {
            if (NAME.equals(offer.name())) {
                WebSocketServerExtension extension = handshaker.handshakeExtension(offer);
                if (extension != null) {
                    return extension;
                }
            }
        }
        return null;
    }

    /** The {@code Sec-WebSocket-Extensions} value that answers the offer. */
    static String responseHeader(WebSocketServerExtension extension) {
        WebSocketExtensionData data = extension.newReponseData();
        StringBuilder value = new StringBuilder(data.name());
        for (Map.Entry<String, String> parameter : data.parameters().entrySet()) {
            value.append("; ").append(parameter.getKey());
            if (parameter.getValue() != null) {
                value.append('=').append(parameter.getValue());
            }
        }
        return value.toString();
    }
}

package dev.polygate.spi;

import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.util.AsciiString;
import java.util.ArrayList;
import java.util.List;

/**
 * Removes the headers that describe one connection and must not be forwarded to the next hop
 * (RFC 9110 section 7.6.1), including every header the {@code Connection} header names.
 */
public final class HopByHopHeaders {
    private static final AsciiString[] FIXED = {
            HttpHeaderNames.CONNECTION, HttpHeaderNames.KEEP_ALIVE, AsciiString.cached("proxy-connection"),
            HttpHeaderNames.TRANSFER_ENCODING, HttpHeaderNames.UPGRADE, HttpHeaderNames.TRAILER,
            HttpHeaderNames.PROXY_AUTHENTICATE, HttpHeaderNames.PROXY_AUTHORIZATION,
            // Extension headers Netty adds when it converts HTTP/2 frames to HTTP/1.x objects.
            AsciiString.cached("x-http2-stream-id"), AsciiString.cached("x-http2-scheme"),
            AsciiString.cached("x-http2-path"), AsciiString.cached("x-http2-stream-weight"),
            AsciiString.cached("x-http2-stream-dependency-id"), AsciiString.cached("x-http2-stream-promise-id")};

    private HopByHopHeaders() {
    }

    /** Removes hop-by-hop headers in place; {@code te} is kept only as {@code te: trailers}. */
    public static void strip(HttpHeaders headers) {
        if (headers.isEmpty()) {
            return;
        }
        List<String> named = null;
        List<String> connection = headers.contains(HttpHeaderNames.CONNECTION)
                ? headers.getAll(HttpHeaderNames.CONNECTION) : List.of();
        for (String value : connection) {
            for (String token : value.split(",")) {
                String name = token.trim();
                if (!name.isEmpty()) {
                    if (named == null) {
                        named = new ArrayList<>(2);
                    }
                    named.add(name);
                }
            }
        }
        if (named != null) {
            for (String name : named) {
                headers.remove(name);
            }
        }
        for (AsciiString name : FIXED) {
            headers.remove(name);
        }
        String te = headers.get(HttpHeaderNames.TE);
        if (te != null) {
            headers.remove(HttpHeaderNames.TE);
            if (te.toLowerCase(java.util.Locale.ROOT).contains("trailers")) {
                headers.set(HttpHeaderNames.TE, "trailers");
            }
        }
    }
}

package dev.polygate.translators.model.rest;

import dev.polygate.translators.model.wire.GrpcHeaders;
import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.HttpHeaders;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Which REST request headers travel to the backend as gRPC metadata: an allow list (Authorization by
 * default), and any {@code grpc-metadata-NAME} header as {@code NAME}. Nothing else leaks through, so
 * hop-by-hop and gateway-internal headers never reach the backend as metadata.
 */
public final class RequestMetadata {
    private static final String PREFIX = "grpc-metadata-";

    private RequestMetadata() {
    }

    /** The metadata to send for these request headers with this allow list (lower-case names). */
    public static HttpHeaders select(HttpHeaders request, Set<String> allowed) {
        HttpHeaders metadata = new DefaultHttpHeaders();
        for (Map.Entry<String, String> header : request) {
            String given = header.getKey();
            if (!given.regionMatches(true, 0, PREFIX, 0, PREFIX.length()) && !isAllowed(given, allowed)) {
                continue; // most headers: passed over without a lower-cased copy of their name
            }
            String name = given.toLowerCase(Locale.ROOT);
            if (name.startsWith(PREFIX) && name.length() > PREFIX.length()) {
                String key = name.substring(PREFIX.length());
                if (!GrpcHeaders.isReserved(key)) {
                    metadata.add(key, header.getValue());
                }
            } else if (allowed.contains(name) && !GrpcHeaders.isReserved(name)) {
                metadata.add(name, header.getValue());
            }
        }
        return metadata;
    }

    private static boolean isAllowed(String name, Set<String> allowed) {
        for (String candidate : allowed) {
            if (candidate.equalsIgnoreCase(name)) {
                return true;
            }
        }
        return false;
    }
}

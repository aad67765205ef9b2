package dev.polygate.spi;

import io.netty.handler.codec.http.HttpHeaders;

/**
 * The head of a client request as the translator should send it on.
 *
 * @param method      the HTTP method, upper case
 * @param path        the path and query to send upstream, after normalisation, prefix stripping and rewrite
 * @param matchedPath the normalised path the router matched (without query)
 * @param authority   the host (and port) the client addressed, from {@code Host} or {@code :authority}
 * @param scheme      {@code https} or {@code http}, as the client connected
 * @param headers     the request headers; hop-by-hop headers are already removed. Policies may change
 *                    them before the translator runs; they are mutable and not thread-safe.
 */
public record RequestHead(String method, String path, String matchedPath, String authority, String scheme,
                          HttpHeaders headers) {

    public RequestHead withPath(String newPath) {
        return new RequestHead(method, newPath, matchedPath, authority, scheme, headers);
    }
}

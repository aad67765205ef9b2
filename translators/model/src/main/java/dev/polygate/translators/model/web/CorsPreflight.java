package dev.polygate.translators.model.web;

import dev.polygate.spi.Exchange;
import dev.polygate.spi.RequestHead;
import dev.polygate.spi.ResponseHead;
import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.EmptyHttpHeaders;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * CORS for gRPC-Web: answers preflights and adds the headers browsers need on actual responses. Without
 * {@code access-control-expose-headers} naming {@code grpc-status} and {@code grpc-message}, a browser hides
 * them and every error looks like an opaque network failure.
 *
 * <p>A preflight from an origin that is not allowed, or for a method other than POST, is answered 403 with
 * no CORS headers: the browser blocks the call either way, and a 403 says why in the network log and the
 * access log. Actual responses to disallowed origins carry no CORS headers, so the browser hides them.
 */
public final class CorsPreflight {
    /** What gRPC-Web clients send on every call, plus the usual credentials header. */
    static final List<String> ALWAYS_ALLOWED = List.of("content-type", "x-grpc-web", "x-user-agent",
            "grpc-timeout", "authorization");
    static final List<String> ALWAYS_EXPOSED = List.of("grpc-status", "grpc-message", "grpc-status-details-bin");

    private final GrpcWebConfig config;
    private final String allowHeaders;
    private final String exposeHeaders;
    private final boolean anyHeader;

    public CorsPreflight(GrpcWebConfig config) {
        this.config = config;
        Set<String> allowed = new LinkedHashSet<>(ALWAYS_ALLOWED);
        allowed.addAll(config.allowedHeaders());
        this.anyHeader = allowed.remove("*");
        this.allowHeaders = String.join(", ", allowed);
        Set<String> exposed = new LinkedHashSet<>(ALWAYS_EXPOSED);
        exposed.addAll(config.exposedHeaders());
        this.exposeHeaders = String.join(", ", exposed);
    }

    /** An {@code OPTIONS} request with {@code Origin} and {@code Access-Control-Request-Method}. */
    public static boolean isPreflight(RequestHead head) {
        return "OPTIONS".equals(head.method()) && head.headers().contains(HttpHeaderNames.ORIGIN)
                && head.headers().contains(HttpHeaderNames.ACCESS_CONTROL_REQUEST_METHOD);
    }

    /** Answers a preflight: 204 with the CORS grant, or 403 without one. */
    public void answer(Exchange exchange) {
        exchange.requestBody().discard();
        HttpHeaders request = exchange.request().headers();
        String origin = request.get(HttpHeaderNames.ORIGIN);
        String method = request.get(HttpHeaderNames.ACCESS_CONTROL_REQUEST_METHOD);
        HttpHeaders headers = new DefaultHttpHeaders();
        int status;
        if (isOriginAllowed(origin) && "POST".equals(method == null ? null : method.trim())) {
            status = 204;
            allowOrigin(origin, headers);
            headers.set(HttpHeaderNames.ACCESS_CONTROL_ALLOW_METHODS, "POST");
            headers.set(HttpHeaderNames.ACCESS_CONTROL_ALLOW_HEADERS, allowHeaders(request));
            headers.set(HttpHeaderNames.ACCESS_CONTROL_MAX_AGE, Long.toString(config.maxAge().toSeconds()));
        } else {
            status = 403;
        }
        headers.set(HttpHeaderNames.CONTENT_LENGTH, "0");
        exchange.response().sendHead(new ResponseHead(status, headers));
        exchange.response().sendEnd(EmptyHttpHeaders.INSTANCE);
    }

    /** Adds allow-origin and expose-headers to an actual response when the request came from an allowed origin. */
    public void addResponseHeaders(RequestHead request, HttpHeaders response) {
        String origin = request.headers().get(HttpHeaderNames.ORIGIN);
        if (origin != null && isOriginAllowed(origin)) {
            allowOrigin(origin, response);
            response.set(HttpHeaderNames.ACCESS_CONTROL_EXPOSE_HEADERS, exposeHeaders);
        }
    }

    /** Whether {@code origin} matches an entry of the configured allowed origins. */
    public boolean isOriginAllowed(String origin) {
        if (origin == null || origin.isEmpty()) {
            return false;
        }
        String candidate = origin.trim().toLowerCase(Locale.ROOT);
        for (String allowed : config.allowedOrigins()) {
            if (matches(allowed.toLowerCase(Locale.ROOT), candidate)) {
                return true;
            }
        }
        return false;
    }

    private static boolean matches(String allowed, String origin) {
        if (allowed.equals("*") || allowed.equals(origin)) {
            return true;
        }
        int wildcard = allowed.indexOf("://*.");
        if (wildcard < 0) {
            return false;
        }
        // scheme://*.example.com matches scheme://a.example.com and scheme://a.b.example.com:8443
        String scheme = allowed.substring(0, wildcard + 3);
        String domain = allowed.substring(wildcard + 4);
        if (!origin.startsWith(scheme)) {
            return false;
        }
        String host = origin.substring(scheme.length());
        int port = host.lastIndexOf(':');
        String hostOnly = port > 0 && host.indexOf(']') < port ? host.substring(0, port) : host;
        return hostOnly.endsWith(domain) && hostOnly.length() > domain.length();
    }

    private void allowOrigin(String origin, HttpHeaders headers) {
        if (config.allowedOrigins().contains("*")) {
            headers.set(HttpHeaderNames.ACCESS_CONTROL_ALLOW_ORIGIN, "*");
        } else {
            // The answer depends on the Origin, so caches must keep one copy per origin.
            headers.set(HttpHeaderNames.ACCESS_CONTROL_ALLOW_ORIGIN, origin.trim());
            headers.add(HttpHeaderNames.VARY, HttpHeaderNames.ORIGIN);
        }
    }

    /** The fixed list, plus every requested header when any is allowed. */
    private String allowHeaders(HttpHeaders request) {
        String requested = request.get(HttpHeaderNames.ACCESS_CONTROL_REQUEST_HEADERS);
        if (!anyHeader || requested == null || requested.isBlank()) {
            return allowHeaders;
        }
        Set<String> names = new LinkedHashSet<>(List.of(allowHeaders.split(", ")));
        for (String name : requested.split(",")) {
            String trimmed = name.trim().toLowerCase(Locale.ROOT);
            if (!trimmed.isEmpty()) {
                names.add(trimmed);
            }
        }
        return String.join(", ", names);
    }
}

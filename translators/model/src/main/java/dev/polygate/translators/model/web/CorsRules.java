package dev.polygate.translators.model.web;

import dev.polygate.spi.RequestHead;
import dev.polygate.spi.ResponseHead;
import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Cross-origin rules (the Fetch standard's CORS protocol, server side): which origins may call, with which methods
 * and request headers, which response headers their scripts may read, with or without credentials. One engine for
 * the gRPC-Web ingress's built-in answers and for the gateway's {@code cors} policy, so both grant alike.
 *
 * <p>A preflight from an origin that is not allowed, or for a method not allowed, is answered 403 without CORS
 * headers: the browser blocks the call either way (a preflight needs an ok status and a grant), and a 403 says why in
 * the browser's network log and in the access log. Requested headers are not judged here: the answer lists the
 * allowed ones and the browser refuses a call that needs others.
 */
public final class CorsRules {
    private final List<String> allowOrigins;
    private final boolean anyOrigin;
    private final Set<String> allowMethods;
    private final String allowMethodsValue;
    private final String allowHeadersValue;
    private final boolean anyHeader;
    private final String exposeHeadersValue;
    private final boolean allowCredentials;
    private final String maxAgeSeconds;

    /**
     * @param allowOrigins    {@code "*"}, {@code scheme://host[:port]}, or {@code scheme://*.domain} for its
     *                        subdomains; see {@link #originProblem}
     * @param allowMethods    methods a preflight may ask for, upper case
     * @param allowHeaders    request headers a preflight is granted; {@code "*"} grants whatever it asks for
     * @param exposeHeaders   response headers scripts may read
     * @param allowCredentials whether cookies and {@code Authorization} may go with calls; never with {@code "*"}
     * @param maxAge          how long a browser may keep a preflight's answer
     */
    public CorsRules(List<String> allowOrigins, List<String> allowMethods, List<String> allowHeaders,
                     List<String> exposeHeaders, boolean allowCredentials, Duration maxAge) {
        this.allowOrigins = allowOrigins.stream().map(o -> o.trim().toLowerCase(Locale.ROOT)).toList();
        this.anyOrigin = this.allowOrigins.contains("*");
        if (anyOrigin && allowCredentials) {
            throw new IllegalArgumentException("credentials cannot be allowed to any origin");
        }
        this.allowMethods = new LinkedHashSet<>(allowMethods);
        this.allowMethodsValue = String.join(", ", this.allowMethods);
        Set<String> headers = lowerCase(allowHeaders);
        this.anyHeader = headers.remove("*");
        this.allowHeadersValue = String.join(", ", headers);
        this.exposeHeadersValue = String.join(", ", lowerCase(exposeHeaders));
        this.allowCredentials = allowCredentials;
        this.maxAgeSeconds = Long.toString(maxAge.toSeconds());
    }

    /** An {@code OPTIONS} request with {@code Origin} and {@code Access-Control-Request-Method}. */
    public static boolean isPreflight(RequestHead head) {
        return "OPTIONS".equals(head.method()) && head.headers().contains(HttpHeaderNames.ORIGIN)
                && head.headers().contains(HttpHeaderNames.ACCESS_CONTROL_REQUEST_METHOD);
    }

    /** The answer to a preflight with {@code request} headers: 204 with the grant, or 403 without one. */
    public ResponseHead preflightAnswer(HttpHeaders request) {
        String origin = request.get(HttpHeaderNames.ORIGIN);
        String method = request.get(HttpHeaderNames.ACCESS_CONTROL_REQUEST_METHOD);
        HttpHeaders headers = new DefaultHttpHeaders();
        int status = 403;
        if (isOriginAllowed(origin) && method != null && allowMethods.contains(method.trim())) {
            status = 204;
            allowOrigin(origin, headers);
            headers.set(HttpHeaderNames.ACCESS_CONTROL_ALLOW_METHODS, allowMethodsValue);
            String allowHeaders = allowHeaders(request);
            if (!allowHeaders.isEmpty()) {
                headers.set(HttpHeaderNames.ACCESS_CONTROL_ALLOW_HEADERS, allowHeaders);
            }
            headers.set(HttpHeaderNames.ACCESS_CONTROL_MAX_AGE, maxAgeSeconds);
        }
        headers.set(HttpHeaderNames.CONTENT_LENGTH, "0");
        return new ResponseHead(status, headers);
    }

    /**
     * Adds the grant to an actual response ({@code Access-Control-Allow-Origin}, credentials, exposed headers) when the
     * request came from an allowed origin; nothing otherwise, so the browser hides the answer from the page.
     */
    public void addResponseHeaders(String origin, HttpHeaders response) {
        if (isOriginAllowed(origin)) {
            allowOrigin(origin, response);
            if (!exposeHeadersValue.isEmpty()) {
                response.set(HttpHeaderNames.ACCESS_CONTROL_EXPOSE_HEADERS, exposeHeadersValue);
            }
        }
    }

    /**
     * Like {@link #addResponseHeaders}, but these rules have the last word: a grant someone else put in the response
     * (the backend, a translator's own CORS) is removed first.
     */
    public void replaceResponseHeaders(String origin, HttpHeaders response) {
        response.remove(HttpHeaderNames.ACCESS_CONTROL_ALLOW_ORIGIN);
        response.remove(HttpHeaderNames.ACCESS_CONTROL_ALLOW_CREDENTIALS);
        response.remove(HttpHeaderNames.ACCESS_CONTROL_EXPOSE_HEADERS);
        addResponseHeaders(origin, response);
    }

    /** Whether {@code origin} matches an allowed origin. */
    public boolean isOriginAllowed(String origin) {
        if (origin == null || origin.isEmpty()) {
            return false;
        }
        String candidate = origin.trim().toLowerCase(Locale.ROOT);
        for (String allowed : allowOrigins) {
            if (matches(allowed, candidate)) {
                return true;
            }
        }
        return false;
    }

    /** Why {@code origin} cannot be an allowed origin (it could match nothing a browser sends), or null when fine. */
    public static String originProblem(String origin) {
        if (origin.equals("*")) {
            return null;
        }
        String withoutWildcard = origin.replace("://*.", "://wildcard.");
        try {
            URI uri = new URI(withoutWildcard);
            boolean bare = uri.getScheme() != null && uri.getHost() != null && uri.getRawPath() != null
                    && uri.getRawPath().isEmpty() && uri.getRawQuery() == null && uri.getRawFragment() == null
                    && uri.getRawUserInfo() == null;
            if (bare) {
                return null;
            }
        } catch (URISyntaxException e) {
            // falls through to the explanation
        }
        return "'" + origin + "' is not an origin; write \"*\", scheme://host[:port] or scheme://*.domain";
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
        if (anyOrigin) {
            headers.set(HttpHeaderNames.ACCESS_CONTROL_ALLOW_ORIGIN, "*");
            return;
        }
        headers.set(HttpHeaderNames.ACCESS_CONTROL_ALLOW_ORIGIN, origin.trim());
        if (allowCredentials) {
            headers.set(HttpHeaderNames.ACCESS_CONTROL_ALLOW_CREDENTIALS, "true");
        }
        // The answer depends on the Origin, so caches must keep one copy per origin.
        if (!variesByOrigin(headers)) {
            headers.add(HttpHeaderNames.VARY, HttpHeaderNames.ORIGIN);
        }
    }

    private static boolean variesByOrigin(HttpHeaders headers) {
        for (String vary : headers.getAll(HttpHeaderNames.VARY)) {
            for (String name : vary.split(",")) {
                String trimmed = name.trim();
                if (trimmed.equalsIgnoreCase("origin") || trimmed.equals("*")) {
                    return true;
                }
            }
        }
        return false;
    }

    /** The allowed list, plus every requested header when any is allowed. */
    private String allowHeaders(HttpHeaders request) {
        String requested = request.get(HttpHeaderNames.ACCESS_CONTROL_REQUEST_HEADERS);
        if (!anyHeader || requested == null || requested.isBlank()) {
            return allowHeadersValue;
        }
        Set<String> names = new LinkedHashSet<>();
        if (!allowHeadersValue.isEmpty()) {
            names.addAll(List.of(allowHeadersValue.split(", ")));
        }
        for (String name : requested.split(",")) {
            String trimmed = name.trim().toLowerCase(Locale.ROOT);
            if (!trimmed.isEmpty()) {
                names.add(trimmed);
            }
        }
        return String.join(", ", names);
    }

    private static Set<String> lowerCase(List<String> names) {
        Set<String> lower = new LinkedHashSet<>();
        names.forEach(name -> lower.add(name.trim().toLowerCase(Locale.ROOT)));
        return lower;
    }
}

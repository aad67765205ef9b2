package dev.polygate.translators.model.web;

import dev.polygate.spi.Exchange;
import dev.polygate.spi.RequestHead;
import io.netty.handler.codec.http.EmptyHttpHeaders;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import java.util.ArrayList;
import java.util.List;

/**
 * CORS for gRPC-Web: answers preflights and adds the headers browsers need on actual responses. Without
 * {@code access-control-expose-headers} naming {@code grpc-status} and {@code grpc-message}, a browser hides
 * them and every error looks like an opaque network failure.
 *
 * <p>The grant is the {@link CorsRules} of the route's {@code grpcWeb} section: POST only, the headers gRPC-Web
 * clients always send, the gRPC status headers exposed. A route with a {@code cors} policy has the policy answer its
 * preflights before they reach here, and the policy's grant replaces this one on every answer.
 */
public final class CorsPreflight {
    /** What gRPC-Web clients send on every call, plus the usual credentials header. */
    public static final List<String> ALWAYS_ALLOWED = List.of("content-type", "x-grpc-web", "x-user-agent",
            "grpc-timeout", "authorization");
    /** The status gRPC-Web clients read from the headers of a trailers-only answer. */
    public static final List<String> ALWAYS_EXPOSED = List.of("grpc-status", "grpc-message",
            "grpc-status-details-bin");

    private final CorsRules rules;

    public CorsPreflight(GrpcWebConfig config) {
        this.rules = new CorsRules(config.allowedOrigins(), List.of("POST"),
                concat(ALWAYS_ALLOWED, config.allowedHeaders()), concat(ALWAYS_EXPOSED, config.exposedHeaders()),
                false, config.maxAge());
    }

    /** An {@code OPTIONS} request with {@code Origin} and {@code Access-Control-Request-Method}. */
    public static boolean isPreflight(RequestHead head) {
        return CorsRules.isPreflight(head);
    }

    /** Answers a preflight: 204 with the CORS grant, or 403 without one. */
    public void answer(Exchange exchange) {
        exchange.requestBody().discard();
        exchange.response().sendHead(rules.preflightAnswer(exchange.request().headers()));
        exchange.response().sendEnd(EmptyHttpHeaders.INSTANCE);
    }

    /** Adds allow-origin and expose-headers to an actual response when the request came from an allowed origin. */
    public void addResponseHeaders(RequestHead request, HttpHeaders response) {
        rules.addResponseHeaders(request.headers().get(HttpHeaderNames.ORIGIN), response);
    }

    /** Whether {@code origin} matches an entry of the configured allowed origins. */
    public boolean isOriginAllowed(String origin) {
        return rules.isOriginAllowed(origin);
    }

    private static List<String> concat(List<String> first, List<String> second) {
        List<String> all = new ArrayList<>(first);
        all.addAll(second);
        return all;
    }
}

package dev.polygate.spi;

/**
 * Carries exchanges of one route to its backend, translating protocols where needed. Created once per
 * route and configuration snapshot; {@link #handle} is called for each exchange on its executor.
 */
public interface Translator extends AutoCloseable {
    /**
     * Takes over the exchange: it must eventually end the response (normally or with
     * {@link ResponseSink#sendError}) and consume or discard the request body.
     */
    void handle(Exchange exchange);

    /**
     * The operation {@code exchange} calls, as {@code package.Service/Method}, judged from its head alone (its
     * path, method and content type) before any policy of the route runs, so policies can be written per operation
     * whatever protocol the client speaks. Must be cheap and must not block. Empty for translators that do not
     * know operations, and for requests that name none of the route's.
     */
    default java.util.Optional<String> operationOf(Exchange exchange) {
        return java.util.Optional.empty();
    }

    /**
     * Ends an exchange that a policy of this route refused, in the dialect the route speaks to this client (for
     * example {@code google.rpc.Status} JSON on transcoded REST paths), with the error's {@linkplain
     * GatewayException#headers() headers}. The default is the gateway's own rendering: problem+json, or
     * {@code grpc-status} for gRPC and gRPC-Web clients.
     */
    default void reject(Exchange exchange, GatewayException error) {
        exchange.response().sendError(error);
    }

    /**
     * Whether this translator takes WebSocket handshakes ({@link Exchange#webSocket()}). The gateway answers a
     * handshake on a route whose translator does not with a clear 400, never as a plain request.
     */
    default boolean acceptsWebSocket() {
        return false;
    }

    /**
     * Reloads what the translator learns from its backend at run time, such as a gRPC backend's schema
     * by server reflection; the admin API calls it. Must not block the caller: slow work runs elsewhere.
     *
     * @return completes with a one-line description of what was refreshed, or with {@code null} when the
     *         translator has nothing to refresh; completes exceptionally when the refresh failed (the
     *         translator then keeps what it had)
     */
    default java.util.concurrent.CompletionStage<String> refresh() {
        return java.util.concurrent.CompletableFuture.completedFuture(null);
    }

    /**
     * The documents describing this route's API (an OpenAPI document, .proto files, ...), as they are now: a
     * refresh may change them. Called on an event loop, so it must not block.
     */
    default java.util.List<ApiDocument> documents() {
        return java.util.List.of();
    }

    /**
     * The gRPC services this route answers from a contract it was configured with, by full name, each with a
     * fingerprint of that contract. Two routes may answer one service from the same contract; one name for two
     * different contracts is refused when the configuration is built, since gRPC clients could reach only one.
     */
    default java.util.Map<String, String> grpcServices() {
        return java.util.Map.of();
    }

    /** The snapshot this translator belongs to was replaced; release what it holds once idle. */
    @Override
    default void close() {
    }
}

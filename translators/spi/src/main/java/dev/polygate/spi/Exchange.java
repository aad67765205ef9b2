package dev.polygate.spi;

import io.netty.util.concurrent.EventExecutor;

/**
 * One request and its response as it passes through policies and a translator. Everything about an
 * exchange happens on {@link #executor()}, so its state needs no locks.
 */
public interface Exchange {
    RequestHead request();

    /** Replaces the request head for the rest of the chain (path rewrite, header changes). */
    void request(RequestHead head);

    RequestBody requestBody();

    ResponseSink response();

    ClientInfo client();

    /**
     * What the gateway and its policies learned about this exchange: listener, path variables, operation,
     * principal. The same object for every view of the exchange.
     */
    ExchangeContext context();

    /** The name of the route that matched. */
    String routeName();

    /**
     * The event loop of the client's connection. Translators that open connections use it as their
     * event loop so that both sides of an exchange share one thread.
     */
    EventExecutor executor();

    /** Runs {@code action} on the executor if the client goes away before the response ends. */
    void onCancel(Runnable action);

    /** Records which upstream endpoint served the exchange, for the access log. */
    void upstream(String endpoint);

    /**
     * Records the error that ended the exchange, for the access log, which keeps its {@linkplain
     * GatewayException#logDetail() full detail}; the client is told through the {@link #response() sink}. The
     * first error recorded is kept: later ones are its consequences.
     */
    default void error(GatewayException error) {
    }

    /**
     * The client's request to open a WebSocket session, when this exchange is a WebSocket handshake (HTTP/1.1
     * {@code Upgrade: websocket}, or HTTP/2 extended CONNECT). Only translators that {@linkplain
     * Translator#acceptsWebSocket() accept WebSockets} see such exchanges.
     */
    default java.util.Optional<dev.polygate.spi.websocket.WebSocketUpgrade> webSocket() {
        return java.util.Optional.empty();
    }

    /** A policy's way to wrap the body or the sink: the chain continues with the returned view. */
    default Exchange with(RequestBody body, ResponseSink sink) {
        return new ForwardingExchange(this) {
            @Override
            public RequestBody requestBody() {
                return body;
            }

            @Override
            public ResponseSink response() {
                return sink;
            }
        };
    }
}

package dev.polygate.translators.model.web;

import dev.polygate.spi.Exchange;
import dev.polygate.spi.RequestHead;
import dev.polygate.spi.Translator;
import dev.polygate.translators.model.wire.GrpcHeaders;
import dev.polygate.translators.model.wire.GrpcStatus;
import dev.polygate.translators.model.wire.GrpcStatusCode;
import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;

/**
 * The gRPC-Web ingress of a route: turns a gRPC-Web exchange (binary or text, HTTP/1.1 or HTTP/2) into a
 * native gRPC exchange for the backend translator, and its answer back into gRPC-Web. Bodies stream in
 * both directions with backpressure; nothing is buffered beyond one message.
 *
 * <p>Requests that are not gRPC-Web calls at all are refused before the backend sees them: another
 * method than POST with HTTP 405, another content type with HTTP 415, both with a gRPC status as well.
 * CORS preflights are answered here too.
 */
public final class GrpcWebIngress {
    private final GrpcWebConfig config;
    private final Translator backend;
    private final CorsPreflight cors;

    public GrpcWebIngress(GrpcWebConfig config, Translator backend) {
        this.config = config;
        this.backend = backend;
        this.cors = new CorsPreflight(config);
    }

    /** Handles one exchange; called on {@code exchange.executor()}. */
    public void handle(Exchange exchange) {
        RequestHead head = exchange.request();
        if (CorsPreflight.isPreflight(head)) {
            cors.answer(exchange);
            return;
        }
        WebContentType flavour = WebContentType.parse(head.headers().get(HttpHeaderNames.CONTENT_TYPE));
        if (flavour == null) {
            refuse(exchange, new WebContentType(false, "proto"), 415, new GrpcStatus(GrpcStatusCode.INVALID_ARGUMENT,
                    "content-type " + head.headers().get(HttpHeaderNames.CONTENT_TYPE) + " is not gRPC-Web", null));
            return;
        }
        if (!"POST".equals(head.method())) {
            HttpHeaders extra = new DefaultHttpHeaders().set(HttpHeaderNames.ALLOW, "POST");
            refuse(exchange, flavour, 405, new GrpcStatus(GrpcStatusCode.UNIMPLEMENTED,
                    "gRPC-Web calls use POST, not " + head.method(), null), extra);
            return;
        }
        new GrpcWebCall(exchange, backendHead(head, flavour), flavour, cors, config.maxMessageBytes()).start(backend);
    }

    /** The cross-origin side of this ingress, for callers that route preflights themselves. */
    public CorsPreflight cors() {
        return cors;
    }

    /** The native gRPC head: same path and metadata, gRPC content type, {@code te: trailers}. */
    static RequestHead backendHead(RequestHead head, WebContentType flavour) {
        HttpHeaders headers = new DefaultHttpHeaders();
        headers.set(head.headers());
        headers.remove("x-grpc-web");
        // Browser negotiation headers name gRPC-Web types and HTTP encodings, which mean nothing to gRPC.
        headers.remove(HttpHeaderNames.ACCEPT);
        headers.remove(HttpHeaderNames.ACCEPT_ENCODING);
        if (flavour.text()) {
            headers.remove(HttpHeaderNames.CONTENT_LENGTH);
        }
        headers.set(HttpHeaderNames.CONTENT_TYPE, flavour.backendContentType());
        headers.set(HttpHeaderNames.TE, GrpcHeaders.TRAILERS);
        return new RequestHead("POST", head.path(), head.matchedPath(), head.authority(), head.scheme(), headers);
    }

    /** The headers every answer to the client starts from: its content type and, cross-origin, CORS. */
    static HttpHeaders responseHeaders(RequestHead clientHead, WebContentType flavour, CorsPreflight cors) {
        HttpHeaders headers = new DefaultHttpHeaders();
        headers.set(HttpHeaderNames.CONTENT_TYPE, flavour.responseContentType());
        cors.addResponseHeaders(clientHead, headers);
        return headers;
    }

    private void refuse(Exchange exchange, WebContentType flavour, int httpStatus, GrpcStatus status) {
        refuse(exchange, flavour, httpStatus, status, new DefaultHttpHeaders());
    }

    private void refuse(Exchange exchange, WebContentType flavour, int httpStatus, GrpcStatus status,
                        HttpHeaders extra) {
        exchange.requestBody().discard();
        HttpHeaders headers = responseHeaders(exchange.request(), flavour, cors);
        headers.add(extra);
        new WebAnswer(exchange.response(), flavour.text()).error(httpStatus, headers, status);
    }
}

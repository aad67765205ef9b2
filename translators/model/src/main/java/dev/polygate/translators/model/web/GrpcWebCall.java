package dev.polygate.translators.model.web;

import dev.polygate.spi.Exchange;
import dev.polygate.spi.RequestHead;
import dev.polygate.spi.Translator;
import dev.polygate.translators.model.call.DerivedExchange;
import dev.polygate.translators.model.wire.GrpcException;
import dev.polygate.translators.model.wire.GrpcStatusCode;

/**
 * One gRPC-Web call: the native gRPC exchange handed to the backend, whose body and sink translate
 * to and from the client's, and the cancellation both ways. Everything runs on the exchange's executor.
 */
final class GrpcWebCall {
    private final Exchange client;
    private final WebRequestBody body;
    private final WebResponseSink sink;
    private final DerivedExchange backendExchange;

    GrpcWebCall(Exchange client, RequestHead backendHead, WebContentType flavour, CorsPreflight cors,
                int maxMessageBytes) {
        this.client = client;
        this.body = new WebRequestBody(client.requestBody(), flavour.text(), maxMessageBytes, this::requestInvalid);
        RequestHead clientHead = client.request();
        this.sink = new WebResponseSink(client.response(), flavour.text(),
                () -> GrpcWebIngress.responseHeaders(clientHead, flavour, cors));
        this.backendExchange = new DerivedExchange(client, backendHead, body, sink);
    }

    void start(Translator backend) {
        client.onCancel(this::clientGone);
        if (backendExchange.isCancelled()) {
            return;
        }
        try {
            backend.handle(backendExchange);
        } catch (RuntimeException e) {
            // A translator that throws breaks its contract; the client still gets a status, never a hang.
            requestInvalid(new GrpcException(GrpcStatusCode.INTERNAL, "the backend could not take the call"));
            body.discard();
        }
    }

    /** The body cannot make a valid call: the backend call is cancelled and the client answered. */
    private void requestInvalid(GrpcException e) {
        cancelBackend();
        sink.fail(e.status());
    }

    private void clientGone() {
        sink.clientGone();
        cancelBackend();
        body.clientGone();
    }

    private void cancelBackend() {
        backendExchange.cancel();
    }
}

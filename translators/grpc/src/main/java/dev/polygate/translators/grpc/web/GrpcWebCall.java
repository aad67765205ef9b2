package dev.polygate.translators.grpc.web;

import dev.polygate.spi.Exchange;
import dev.polygate.spi.ForwardingExchange;
import dev.polygate.spi.RequestBody;
import dev.polygate.spi.RequestHead;
import dev.polygate.spi.ResponseSink;
import dev.polygate.spi.Translator;
import dev.polygate.translators.grpc.wire.GrpcException;
import dev.polygate.translators.grpc.wire.GrpcStatusCode;
import java.util.ArrayList;
import java.util.List;

/**
 * One gRPC-Web call: the native gRPC exchange handed to the backend, whose body and sink translate
 * to and from the client's, and the cancellation both ways. Everything runs on the exchange's executor.
 */
final class GrpcWebCall {
    private final Exchange client;
    private final WebRequestBody body;
    private final WebResponseSink sink;
    private final Exchange backendExchange;
    /** What the backend asked to be told when the call is cancelled. */
    private final List<Runnable> backendCancels = new ArrayList<>(1);
    private boolean cancelled;

    GrpcWebCall(Exchange client, RequestHead backendHead, WebContentType flavour, CorsPreflight cors,
                int maxMessageBytes) {
        this.client = client;
        this.body = new WebRequestBody(client.requestBody(), flavour.text(), maxMessageBytes, this::requestInvalid);
        RequestHead clientHead = client.request();
        this.sink = new WebResponseSink(client.response(), flavour.text(),
                () -> GrpcWebIngress.responseHeaders(clientHead, flavour, cors));
        this.backendExchange = new BackendExchange(client, backendHead);
    }

    void start(Translator backend) {
        client.onCancel(this::clientGone);
        if (cancelled) {
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
        if (!cancelled) {
            cancelled = true;
            List<Runnable> actions = List.copyOf(backendCancels);
            backendCancels.clear();
            actions.forEach(Runnable::run);
        }
    }

    /** The exchange the backend sees: native gRPC head, translated body and sink, cancellation from here. */
    private final class BackendExchange extends ForwardingExchange {
        private RequestHead head;

        BackendExchange(Exchange client, RequestHead head) {
            super(client);
            this.head = head;
        }

        @Override
        public RequestHead request() {
            return head;
        }

        @Override
        public void request(RequestHead newHead) {
            head = newHead;
        }

        @Override
        public RequestBody requestBody() {
            return body;
        }

        @Override
        public ResponseSink response() {
            return sink;
        }

        @Override
        public void onCancel(Runnable action) {
            if (cancelled) {
                action.run();
            } else {
                backendCancels.add(action);
            }
        }
    }
}

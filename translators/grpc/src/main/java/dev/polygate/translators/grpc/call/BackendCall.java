package dev.polygate.translators.grpc.call;

import com.google.protobuf.Message;
import dev.polygate.spi.Exchange;
import dev.polygate.spi.GatewayException;
import dev.polygate.spi.RequestHead;
import dev.polygate.spi.Translator;
import dev.polygate.translators.model.call.CallListener;
import dev.polygate.translators.model.call.CallOpener;
import dev.polygate.translators.model.call.DerivedExchange;
import dev.polygate.translators.model.call.MessageCall;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;

/**
 * One gRPC call the gateway makes to a backend on behalf of a client that does not speak gRPC (REST/JSON
 * today, SOAP and WebSocket ingress later): messages in, messages out, one status at the end. It rides on
 * the backend translator (the http translator's pooled HTTP/2 connections) as an exchange of its own,
 * sharing the client exchange's executor, so every callback comes on that one thread.
 */
public final class BackendCall implements MessageCall {
    private final Translator backend;
    private final Exchange client;
    private final String methodPath;
    private final HttpHeaders metadata;
    private final MessageBody body;
    private final GrpcResponseReader reader;
    private DerivedExchange backendExchange;
    private boolean started;

    /**
     * @param methodPath  {@code /package.Service/Method}
     * @param metadata    request metadata to send (already filtered by the caller); gRPC's own headers are added here
     */
    public BackendCall(Translator backend, Exchange client, String methodPath, HttpHeaders metadata,
                       int maxMessageBytes, CallListener listener) {
        this.backend = backend;
        this.client = client;
        this.methodPath = methodPath;
        this.metadata = metadata;
        this.body = new MessageBody(client.executor(), new MessageBatch(ByteBufAllocator.DEFAULT));
        this.reader = new GrpcResponseReader(listener, client.response(), maxMessageBytes, this::cancelUpstream);
    }

    /** Sends the request head; messages may be sent before or after. */
    @Override
    public void start() {
        if (started) {
            return;
        }
        started = true;
        HttpHeaders headers = new DefaultHttpHeaders();
        headers.set(metadata);
        headers.set(HttpHeaderNames.CONTENT_TYPE, "application/grpc");
        headers.set(HttpHeaderNames.TE, "trailers");
        headers.remove(HttpHeaderNames.CONTENT_LENGTH);
        RequestHead original = client.request();
        RequestHead head = new RequestHead("POST", methodPath, methodPath, original.authority(), original.scheme(),
                headers);
        backendExchange = new DerivedExchange(client, head, body, reader);
        client.onCancel(this::cancel);
        backend.handle(backendExchange);
    }

    /** Frames and queues one request message (serialized protobuf); ownership passes. */
    @Override
    public void sendMessage(ByteBuf message) {
        body.offer(message);
    }

    /** Serializes one request message straight into the body's open batch. */
    @Override
    public void sendMessage(Message message) {
        body.offer(message);
    }

    @Override
    public void halfClose() {
        body.end();
    }

    /** Whether the backend connection takes more request messages now. */
    @Override
    public boolean isReady() {
        return body.isReady();
    }

    /** Called when {@link #isReady()} turns true again. */
    @Override
    public void onReady(Runnable listener) {
        body.onReady(listener);
    }

    /** Ends the call from the gateway's side (client gone, deadline, bad client input); no listener call follows. */
    @Override
    public void cancel() {
        reader.abandon();
        cancelUpstream();
    }

    /**
     * Opens gRPC calls over {@code backend} (the http translator of a gRPC upstream), to the method's
     * {@code /package.Service/Method} path.
     */
    public static CallOpener opener(Translator backend, int maxMessageBytes) {
        return (client, method, metadata, listener) -> new BackendCall(backend, client,
                "/" + method.getService().getFullName() + "/" + method.getName(), metadata, maxMessageBytes, listener);
    }

    /** Ends the request stream with an error: the backend exchange is torn down. */
    public void fail(GatewayException error) {
        body.fail(error);
    }

    private void cancelUpstream() {
        body.discardQueued();
        if (backendExchange != null) {
            backendExchange.cancel();
        }
    }
}

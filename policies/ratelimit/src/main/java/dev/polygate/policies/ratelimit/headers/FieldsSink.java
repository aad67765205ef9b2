package dev.polygate.policies.ratelimit.headers;

import dev.polygate.spi.ForwardingResponseSink;
import dev.polygate.spi.GatewayException;
import dev.polygate.spi.ResponseHead;
import dev.polygate.spi.ResponseSink;
import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.HttpHeaders;
import java.util.function.Consumer;

/** A sink that adds a policy's fields to the answer: to the head of a response, or to an error's headers. */
public final class FieldsSink extends ForwardingResponseSink {
    private final Consumer<HttpHeaders> fields;

    public FieldsSink(ResponseSink delegate, Consumer<HttpHeaders> fields) {
        super(delegate);
        this.fields = fields;
    }

    @Override
    public void sendHead(ResponseHead head) {
        fields.accept(head.headers());
        super.sendHead(head);
    }

    @Override
    public void sendError(GatewayException error) {
        if (isHeadSent() || isDone()) {
            super.sendError(error); // the head went out with the fields already, or nobody will read them
            return;
        }
        HttpHeaders headers = new DefaultHttpHeaders().add(error.headers());
        fields.accept(headers);
        super.sendError(error.withHeaders(headers));
    }
}

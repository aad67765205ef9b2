package dev.polygate.translators.grpc;

import dev.polygate.spi.ForwardingResponseSink;
import dev.polygate.spi.GatewayException;
import dev.polygate.spi.ResponseSink;
import dev.polygate.translators.model.wire.GrpcAnswers;
import dev.polygate.translators.model.wire.GrpcStatus;
import io.netty.handler.codec.http.HttpHeaders;

/**
 * The client's sink for a native gRPC call: errors the gateway raises become a gRPC status in trailers
 * instead of a problem+json page, before or after the response head, so a gRPC client always sees a
 * status it understands. {@code onEnd} runs once when the response ends either way.
 */
final class GrpcAnswerSink extends ForwardingResponseSink {
    private final ResponseSink client;
    private final Runnable onEnd;
    private boolean ended;

    GrpcAnswerSink(ResponseSink client, Runnable onEnd) {
        super(client);
        this.client = client;
        this.onEnd = onEnd;
    }

    @Override
    public void sendEnd(HttpHeaders trailers) {
        ended();
        super.sendEnd(trailers);
    }

    @Override
    public void sendError(GatewayException error) {
        if (client.isDone()) {
            return;
        }
        ended();
        GrpcAnswers.end(client, GrpcStatus.of(error));
    }

    private void ended() {
        if (!ended) {
            ended = true;
            onEnd.run();
        }
    }
}

package dev.polygate.translators.grpc;

import dev.polygate.spi.ErrorKind;
import dev.polygate.spi.Exchange;
import dev.polygate.spi.ForwardingExchange;
import dev.polygate.spi.GatewayException;
import dev.polygate.spi.ResponseSink;
import dev.polygate.spi.Translator;
import dev.polygate.translators.grpc.wire.GrpcTimeout;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.util.concurrent.ScheduledFuture;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;

/**
 * Native gRPC clients to a gRPC backend without decoding a message: the exchange is handed to the backend
 * translator as it is (frames, headers and trailers stream through, cancellation travels as stream resets),
 * with two gRPC duties added: the call's deadline (the client's {@code grpc-timeout}, capped by the route's)
 * is sent on and enforced, and the gateway's own errors reach the client as gRPC statuses.
 */
final class GrpcPassthrough {
    private final Translator backend;
    private final Duration routeTimeout;

    GrpcPassthrough(Translator backend, Duration routeTimeout) {
        this.backend = backend;
        this.routeTimeout = routeTimeout;
    }

    void handle(Exchange exchange) {
        long deadlineNanos = deadlineNanos(exchange);
        if (deadlineNanos == -2) {
            exchange.requestBody().discard();
            GrpcAnswerSink.answerWithStatus(exchange.response(), dev.polygate.translators.grpc.wire.GrpcStatus.of(
                    new GatewayException(ErrorKind.BAD_REQUEST, "grpc-timeout must be at most 8 digits and a unit of H, M, S, m, u or n")));
            return;
        }
        PassthroughExchange call = new PassthroughExchange(exchange);
        if (deadlineNanos > 0) {
            exchange.request().headers().set("grpc-timeout", GrpcTimeout.format(deadlineNanos));
            call.deadline = exchange.executor().schedule(call::deadlineExceeded, deadlineNanos, TimeUnit.NANOSECONDS);
        }
        backend.handle(call);
    }

    /** The deadline in nanoseconds, 0 for none, -2 for an unreadable grpc-timeout. */
    private long deadlineNanos(Exchange exchange) {
        String header = exchange.request().headers().get("grpc-timeout");
        long route = routeTimeout.isZero() ? 0 : routeTimeout.toNanos();
        if (header == null) {
            return route;
        }
        OptionalLong client = GrpcTimeout.parseNanos(header);
        if (client.isEmpty()) {
            return -2;
        }
        return route == 0 ? Math.max(1, client.getAsLong()) : Math.max(1, Math.min(route, client.getAsLong()));
    }

    /** The client's exchange with a gRPC-speaking sink and a way to cancel the backend side. */
    private static final class PassthroughExchange extends ForwardingExchange {
        private final GrpcAnswerSink sink;
        private final List<Runnable> backendCancels = new ArrayList<>(1);
        private ScheduledFuture<?> deadline;
        private boolean ended;

        PassthroughExchange(Exchange client) {
            super(client);
            this.sink = new GrpcAnswerSink(client.response(), this::ended);
        }

        @Override
        public ResponseSink response() {
            return sink;
        }

        @Override
        public void onCancel(Runnable action) {
            backendCancels.add(action);
            super.onCancel(action);
        }

        private void ended() {
            ended = true;
            if (deadline != null) {
                deadline.cancel(false);
            }
        }

        private void deadlineExceeded() {
            if (ended) {
                return;
            }
            sink.sendError(new GatewayException(ErrorKind.UPSTREAM_TIMEOUT, "deadline exceeded at the gateway"));
            for (Runnable cancel : backendCancels) {
                cancel.run();
            }
        }
    }
}

package dev.polygate.translators.grpc;

import dev.polygate.spi.ErrorKind;
import dev.polygate.spi.Exchange;
import dev.polygate.spi.GatewayException;
import dev.polygate.spi.Translator;
import dev.polygate.translators.model.call.DerivedExchange;
import dev.polygate.translators.model.wire.GrpcAnswers;
import dev.polygate.translators.model.wire.GrpcHeaders;
import dev.polygate.translators.model.wire.GrpcStatus;
import dev.polygate.translators.model.wire.GrpcTimeout;
import io.netty.util.concurrent.ScheduledFuture;
import java.time.Duration;
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
            GrpcAnswers.end(exchange.response(), GrpcStatus.of(new GatewayException(
                    ErrorKind.BAD_REQUEST, "grpc-timeout must be at most 8 digits and a unit of H, M, S, m, u or n")));
            return;
        }
        if (deadlineNanos > 0) {
            exchange.request().headers().set(GrpcHeaders.GRPC_TIMEOUT, GrpcTimeout.format(deadlineNanos));
        }
        PassthroughCall call = new PassthroughCall(exchange);
        if (deadlineNanos > 0) {
            call.deadline = exchange.executor().schedule(call::deadlineExceeded, deadlineNanos, TimeUnit.NANOSECONDS);
        }
        backend.handle(call.backendExchange);
    }

    /** The deadline in nanoseconds, 0 for none, -2 for an unreadable grpc-timeout. */
    private long deadlineNanos(Exchange exchange) {
        String header = exchange.request().headers().get(GrpcHeaders.GRPC_TIMEOUT);
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

    /** One passthrough call: the client's exchange with a gRPC-speaking sink and the deadline's timer. */
    private static final class PassthroughCall {
        private final DerivedExchange backendExchange;
        private ScheduledFuture<?> deadline;
        private boolean ended;

        PassthroughCall(Exchange client) {
            GrpcAnswerSink sink = new GrpcAnswerSink(client.response(), this::ended);
            this.backendExchange = new DerivedExchange(client, client.request(), client.requestBody(), sink);
            client.onCancel(backendExchange::cancel);
        }

        private void ended() {
            ended = true;
            if (deadline != null) {
                deadline.cancel(false);
            }
        }

        private void deadlineExceeded() {
            if (!ended) {
                backendExchange.response().sendError(
                        new GatewayException(ErrorKind.UPSTREAM_TIMEOUT, "deadline exceeded at the gateway"));
                backendExchange.cancel();
            }
        }
    }
}

package dev.polygate.translators.model.rest;

import com.google.protobuf.DynamicMessage;
import com.google.protobuf.Message;
import dev.polygate.spi.ErrorKind;
import dev.polygate.spi.Exchange;
import dev.polygate.spi.GatewayException;
import dev.polygate.translators.model.call.CallListener;
import dev.polygate.translators.model.call.CallOpener;
import dev.polygate.translators.model.call.MessageCall;
import dev.polygate.translators.model.transcoding.RuleMatch;
import dev.polygate.translators.model.wire.GrpcHeaders;
import dev.polygate.translators.model.wire.GrpcStatus;
import dev.polygate.translators.model.wire.GrpcTimeout;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.QueryStringDecoder;
import io.netty.util.concurrent.ScheduledFuture;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;

/**
 * One transcoded REST call: reads the JSON body, builds the request message(s), calls the backend, and
 * answers with the JSON rendering that fits the method and the client (see {@link RestResponder}).
 */
final class RestCall implements CallListener {
    private final Exchange exchange;
    private final RuleMatch match;
    private final RestIngress.Transcoding transcoding;
    private final CallOpener backend;
    private final RestSettings settings;
    private final RestResponder responder;
    private MessageCall call;
    private ScheduledFuture<?> deadline;
    private boolean finished;

    RestCall(Exchange exchange, RuleMatch match, RestIngress.Transcoding transcoding, CallOpener backend,
             RestSettings settings, ErrorRenderer errors) {
        this.exchange = exchange;
        this.match = match;
        this.transcoding = transcoding;
        this.backend = backend;
        this.settings = settings;
        this.responder = RestResponder.forCall(exchange, match, transcoding, errors);
    }

    void start() {
        BodyCollector.collect(exchange.requestBody(), settings.maxRequestBytes(), this::bodyRead, this::fail);
    }

    private void bodyRead(byte[] body) {
        if (finished) {
            return;
        }
        List<DynamicMessage> messages;
        try {
            Map<String, List<String>> query = new QueryStringDecoder(exchange.request().path()).parameters();
            messages = match.method().isClientStreaming()
                    ? transcoding.requests().streamingRequests(match, query, body)
                    : List.of(transcoding.requests().request(match, query, body));
        } catch (GatewayException e) {
            fail(e);
            return;
        }
        HttpHeaders metadata = RequestMetadata.select(exchange.request().headers(), settings.forwardedHeaders());
        long timeoutNanos = timeoutNanos();
        if (timeoutNanos < 0) {
            fail(RestIngress.badRequest("grpc-timeout must be at most 8 digits and a unit of H, M, S, m, u or n"));
            return;
        }
        if (timeoutNanos > 0) {
            metadata.set(GrpcHeaders.GRPC_TIMEOUT, GrpcTimeout.format(timeoutNanos));
            deadline = exchange.executor().schedule(this::deadlineExceeded, timeoutNanos, TimeUnit.NANOSECONDS);
        }
        call = backend.open(exchange, match.method(), metadata, this);
        call.start();
        for (DynamicMessage message : messages) {
            call.sendMessage(message);
        }
        call.halfClose();
    }

    /** The client's {@code grpc-timeout} capped by the route's; 0 for none; -1 when unreadable. */
    private long timeoutNanos() {
        long route = settings.timeout().isZero() ? 0 : settings.timeout().toNanos();
        String header = exchange.request().headers().get(GrpcHeaders.GRPC_TIMEOUT);
        if (header == null) {
            return route;
        }
        OptionalLong client = GrpcTimeout.parseNanos(header);
        if (client.isEmpty()) {
            return -1;
        }
        return Math.max(1, route == 0 ? client.getAsLong() : Math.min(route, client.getAsLong()));
    }

    @Override
    public void onHeaders(HttpHeaders headers) {
        responder.headers(headers);
    }

    @Override
    public void onMessage(ByteBuf message) {
        byte[] bytes;
        try {
            bytes = ByteBufUtil.getBytes(message);
        } finally {
            message.release();
        }
        if (!finished) {
            respond(() -> responder.message(bytes));
        }
    }

    @Override
    public void onMessage(Message message) {
        if (!finished) {
            respond(() -> responder.message(message));
        }
    }

    private void respond(Runnable rendering) {
        try {
            rendering.run();
        } catch (GatewayException e) {
            call.cancel();
            finish(e);
        }
    }

    @Override
    public void onClose(GrpcStatus status, HttpHeaders trailers) {
        if (!finished) {
            finished = true;
            cancelDeadline();
            responder.close(status, trailers);
        }
    }

    private void deadlineExceeded() {
        if (!finished) {
            call.cancel();
            finish(new GatewayException(ErrorKind.UPSTREAM_TIMEOUT, "deadline exceeded at the gateway"));
        }
    }

    private void fail(GatewayException error) {
        if (call != null) {
            call.cancel();
        }
        finish(error);
    }

    private void finish(GatewayException error) {
        if (!finished) {
            finished = true;
            cancelDeadline();
            responder.fail(error);
        }
    }

    private void cancelDeadline() {
        if (deadline != null) {
            deadline.cancel(false);
        }
    }
}

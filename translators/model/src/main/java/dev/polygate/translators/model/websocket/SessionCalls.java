package dev.polygate.translators.model.websocket;

import com.google.protobuf.Descriptors;
import dev.polygate.spi.Exchange;
import dev.polygate.translators.model.call.CallListener;
import dev.polygate.translators.model.call.CallOpener;
import dev.polygate.translators.model.call.DerivedExchange;
import dev.polygate.translators.model.call.MessageCall;
import dev.polygate.translators.model.wire.GrpcHeaders;
import dev.polygate.translators.model.wire.GrpcTimeout;
import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.HttpHeaders;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Opens the calls of one WebSocket session: each on an exchange of its own (so that cancelling one call leaves
 * the session and the other calls alone), with the session's metadata and deadline, and the session's
 * writability as the backend's pace.
 */
final class SessionCalls {
    private final Exchange client;
    private final CallOpener opener;
    private final Descriptors.MethodDescriptor method;
    private final HttpHeaders metadata;
    private final long timeoutNanos;
    private final SessionWritability writability;

    /** One open call; {@link #end()} or {@link #cancel()} once it is over. */
    static final class OpenCall {
        final MessageCall call;
        private final DerivedExchange exchange;
        private final SessionSink sink;
        private ScheduledFuture<?> deadline;

        private OpenCall(MessageCall call, DerivedExchange exchange, SessionSink sink) {
            this.call = call;
            this.exchange = exchange;
            this.sink = sink;
        }

        /** The call ended by itself. */
        void end() {
            if (deadline != null) {
                deadline.cancel(false);
            }
            sink.detach();
        }

        /** The gateway ends the call: the backend is told, no listener call follows. */
        void cancel() {
            end();
            call.cancel();
            exchange.cancel();
        }
    }

    SessionCalls(Exchange client, CallOpener opener, Descriptors.MethodDescriptor method, HttpHeaders metadata,
                 long timeoutNanos, SessionWritability writability) {
        this.client = client;
        this.opener = opener;
        this.method = method;
        this.metadata = metadata;
        this.timeoutNanos = timeoutNanos;
        this.writability = writability;
    }

    Descriptors.MethodDescriptor method() {
        return method;
    }

    /** Opens and starts a call; {@code onDeadline} runs if it outlives the session's deadline. */
    OpenCall open(CallListener listener, Runnable onDeadline) {
        HttpHeaders callMetadata = new DefaultHttpHeaders().set(metadata);
        if (timeoutNanos > 0) {
            callMetadata.set(GrpcHeaders.GRPC_TIMEOUT, GrpcTimeout.format(timeoutNanos));
        }
        SessionSink sink = new SessionSink(writability);
        DerivedExchange exchange = new DerivedExchange(client, client.request(), client.requestBody(), sink);
        OpenCall open = new OpenCall(opener.open(exchange, method, callMetadata, listener), exchange, sink);
        if (timeoutNanos > 0) {
            open.deadline = client.executor().schedule(onDeadline, timeoutNanos, TimeUnit.NANOSECONDS);
        }
        open.call.start();
        return open;
    }
}

package dev.polygate.edge.grpc;

import io.grpc.Context;
import io.grpc.Deadline;
import io.grpc.ForwardingServerCall;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.Status;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * What the backend saw of the last call (its metadata and deadline), and the metadata every call answers
 * with: a response header and a trailer, so tests can check both come back to REST clients as headers.
 */
final class CallProbe implements ServerInterceptor {
    static final Metadata.Key<String> RESPONSE_HEADER = Metadata.Key.of("x-backend-method", Metadata.ASCII_STRING_MARSHALLER);
    static final Metadata.Key<String> RESPONSE_TRAILER = Metadata.Key.of("x-backend-trailer", Metadata.ASCII_STRING_MARSHALLER);

    /** One received call: its full method name, request metadata and remaining deadline (-1 for none). */
    record SeenCall(String method, Metadata headers, long deadlineMillis) {
        String header(String name) {
            return headers.get(Metadata.Key.of(name, Metadata.ASCII_STRING_MARSHALLER));
        }
    }

    private final AtomicReference<SeenCall> last = new AtomicReference<>();

    SeenCall last() {
        return last.get();
    }

    @Override
    public <Q, R> ServerCall.Listener<Q> interceptCall(ServerCall<Q, R> call, Metadata headers,
                                                       ServerCallHandler<Q, R> next) {
        Deadline deadline = Context.current().getDeadline();
        last.set(new SeenCall(call.getMethodDescriptor().getFullMethodName(), headers,
                deadline == null ? -1 : deadline.timeRemaining(TimeUnit.MILLISECONDS)));
        String method = call.getMethodDescriptor().getBareMethodName();
        return next.startCall(new ForwardingServerCall.SimpleForwardingServerCall<>(call) {
            @Override
            public void sendHeaders(Metadata responseHeaders) {
                responseHeaders.put(RESPONSE_HEADER, method);
                super.sendHeaders(responseHeaders);
            }

            @Override
            public void close(Status status, Metadata trailers) {
                trailers.put(RESPONSE_TRAILER, status.getCode().name());
                super.close(status, trailers);
            }
        }, headers);
    }
}

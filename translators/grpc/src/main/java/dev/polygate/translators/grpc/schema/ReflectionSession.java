package dev.polygate.translators.grpc.schema;

import io.grpc.CallOptions;
import io.grpc.Channel;
import io.grpc.Deadline;
import io.grpc.MethodDescriptor;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.reflection.v1.ServerReflectionGrpc;
import io.grpc.reflection.v1.ServerReflectionRequest;
import io.grpc.reflection.v1.ServerReflectionResponse;
import io.grpc.stub.ClientCalls;
import io.grpc.stub.StreamObserver;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * One ServerReflectionInfo stream used request by request: the server answers a stream's requests in
 * order, so each request is followed by waiting for its answer. Blocking, bounded by the deadline.
 */
final class ReflectionSession implements AutoCloseable {
    static final MethodDescriptor<ServerReflectionRequest, ServerReflectionResponse> V1 =
            ServerReflectionGrpc.getServerReflectionInfoMethod();
    /** v1alpha's messages are v1's, field for field; only the service name differs, so v1's classes serve both. */
    static final MethodDescriptor<ServerReflectionRequest, ServerReflectionResponse> V1ALPHA = V1.toBuilder()
            .setFullMethodName(MethodDescriptor.generateFullMethodName(
                    "grpc.reflection.v1alpha.ServerReflection", "ServerReflectionInfo"))
            .build();
    private static final Object COMPLETED = new Object();
    /** Lets the call's own deadline report DEADLINE_EXCEEDED before the local wait gives up. */
    private static final long GRACE_NANOS = TimeUnit.MILLISECONDS.toNanos(500);

    private final BlockingQueue<Object> inbox = new LinkedBlockingQueue<>();
    private final StreamObserver<ServerReflectionRequest> requests;
    private final Deadline deadline;
    private boolean cancelled;

    ReflectionSession(Channel channel, MethodDescriptor<ServerReflectionRequest, ServerReflectionResponse> method,
                      Deadline deadline) {
        this.deadline = deadline;
        this.requests = ClientCalls.asyncBidiStreamingCall(
                channel.newCall(method, CallOptions.DEFAULT.withDeadline(deadline)), new StreamObserver<>() {
                    @Override
                    public void onNext(ServerReflectionResponse value) {
                        inbox.add(value);
                    }

                    @Override
                    public void onError(Throwable t) {
                        inbox.add(t);
                    }

                    @Override
                    public void onCompleted() {
                        inbox.add(COMPLETED);
                    }
                });
    }

    /** @throws StatusRuntimeException when the stream fails, ends early, or the deadline passes */
    ServerReflectionResponse exchange(ServerReflectionRequest request) {
        requests.onNext(request);
        Object answer;
        try {
            answer = inbox.poll(deadline.timeRemaining(TimeUnit.NANOSECONDS) + GRACE_NANOS, TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            cancel();
            throw Status.CANCELLED.withDescription("interrupted").asRuntimeException();
        }
        if (answer instanceof ServerReflectionResponse response) {
            return response;
        }
        if (answer instanceof Throwable failure) {
            throw Status.fromThrowable(failure).asRuntimeException();
        }
        if (answer == COMPLETED) {
            throw Status.INTERNAL.withDescription("the server ended the reflection stream early").asRuntimeException();
        }
        cancel();
        throw Status.DEADLINE_EXCEEDED.withDescription("no answer in time").asRuntimeException();
    }

    private void cancel() {
        cancelled = true;
        requests.onError(Status.CANCELLED.asRuntimeException());
    }

    @Override
    public void close() {
        if (!cancelled) {
            requests.onCompleted();
        }
    }
}

package dev.polygate.edge.grpc;

import dev.polygate.test.v1.Everything;
import dev.polygate.test.v1.KitchenSinkGrpc;
import io.grpc.Status;
import io.grpc.stub.ServerCallStreamObserver;
import io.grpc.stub.StreamObserver;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * Echoes {@link Everything} back. A string_value of "status:CODE" makes a call fail with that code (after
 * the streamed copies, for EchoStream); "hang" makes Echo never answer, for deadlines.
 */
final class KitchenSinkService extends KitchenSinkGrpc.KitchenSinkImplBase {
    /** Calls left hanging; held so they are not collected before the deadline cancels them. */
    private final List<StreamObserver<Everything>> hanging = new CopyOnWriteArrayList<>();
    /** One permit per hanging call that ended by cancellation (deadline or client gone). */
    private final Semaphore cancelled = new Semaphore(0);
    private final StreamSteps steps;

    KitchenSinkService(StreamSteps steps) {
        this.steps = steps;
    }

    @Override
    public void echo(Everything request, StreamObserver<Everything> answer) {
        if (request.getStringValue().equals("hang")) {
            hanging.add(answer);
            ((ServerCallStreamObserver<Everything>) answer).setOnCancelHandler(() -> {
                hanging.remove(answer);
                cancelled.release();
            });
            return;
        }
        Status.Code failure = BackendErrors.requested(request.getStringValue());
        if (failure != null) {
            answer.onError(BackendErrors.status(failure, "the backend failed with " + failure));
            return;
        }
        answer.onNext(request);
        answer.onCompleted();
    }

    /** Whether a hanging call is cancelled within a few seconds. */
    boolean awaitCancelledCall() throws InterruptedException {
        return cancelled.tryAcquire(5, TimeUnit.SECONDS);
    }

    @Override
    public void echoStream(Everything request, StreamObserver<Everything> answer) {
        int count = request.getInt32Value() == 0 ? 1 : request.getInt32Value();
        try {
            for (int i = 0; i < count; i++) {
                if (!steps.await(request.getStringValue())) {
                    answer.onError(Status.DEADLINE_EXCEEDED.withDescription("the test never asked for more")
                            .asRuntimeException());
                    return;
                }
                answer.onNext(request.toBuilder().setInt32Value(i + 1).build());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            answer.onError(Status.CANCELLED.asRuntimeException());
            return;
        }
        Status.Code failure = BackendErrors.requested(request.getStringValue());
        if (failure != null) {
            answer.onError(BackendErrors.status(failure, "failed after " + count + " message(s)"));
        } else {
            answer.onCompleted();
        }
    }
}

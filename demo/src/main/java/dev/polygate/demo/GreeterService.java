package dev.polygate.demo;

import com.google.protobuf.Duration;
import dev.polygate.demo.greeter.v1.ChatMessage;
import dev.polygate.demo.greeter.v1.ChatReply;
import dev.polygate.demo.greeter.v1.GreeterGrpc;
import dev.polygate.demo.greeter.v1.HelloReply;
import dev.polygate.demo.greeter.v1.HelloRequest;
import io.grpc.Status;
import io.grpc.stub.ServerCallStreamObserver;
import io.grpc.stub.StreamObserver;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * {@code demo.greeter.v1.Greeter}: one greeting, or a paced stream of them. Streams are paced by a scheduler
 * so that no gRPC thread ever waits, and stop as soon as the client cancels.
 */
final class GreeterService extends GreeterGrpc.GreeterImplBase {
    static final int DEFAULT_COUNT = 5;
    static final int MAX_COUNT = 100;
    static final long DEFAULT_INTERVAL_MILLIS = 200;
    static final long MAX_INTERVAL_MILLIS = 5_000;

    private final ScheduledExecutorService scheduler;

    GreeterService(ScheduledExecutorService scheduler) {
        this.scheduler = scheduler;
    }

    @Override
    public void sayHello(HelloRequest request, StreamObserver<HelloReply> responses) {
        if (request.getName().isEmpty()) {
            responses.onError(invalid("name is required"));
            return;
        }
        responses.onNext(HelloReply.newBuilder().setMessage("Hello, " + request.getName() + "!").build());
        responses.onCompleted();
    }

    @Override
    public void streamGreetings(HelloRequest request, StreamObserver<HelloReply> responses) {
        if (request.getName().isEmpty()) {
            responses.onError(invalid("name is required"));
            return;
        }
        int count = request.getCount() == 0 ? DEFAULT_COUNT : request.getCount();
        if (count < 1 || count > MAX_COUNT) {
            responses.onError(invalid("count must be between 1 and " + MAX_COUNT + ", not " + request.getCount()));
            return;
        }
        long intervalMillis = DEFAULT_INTERVAL_MILLIS;
        if (request.hasInterval()) {
            Duration interval = request.getInterval();
            // Seconds are checked before multiplying: a huge value would overflow into a small one.
            boolean inRange = interval.getSeconds() >= 0 && interval.getNanos() >= 0
                    && interval.getSeconds() <= MAX_INTERVAL_MILLIS / 1000;
            intervalMillis = inRange ? interval.getSeconds() * 1000 + interval.getNanos() / 1_000_000 : -1;
            if (!inRange || intervalMillis > MAX_INTERVAL_MILLIS) {
                responses.onError(invalid("interval must be between 0s and " + MAX_INTERVAL_MILLIS / 1000 + "s"));
                return;
            }
        }
        new Greetings((ServerCallStreamObserver<HelloReply>) responses, request.getName(), count, intervalMillis)
                .start();
    }

    /** Answers each message at once; an empty text is INVALID_ARGUMENT and ends the chat. */
    @Override
    public StreamObserver<ChatMessage> chat(StreamObserver<ChatReply> replies) {
        return new StreamObserver<>() {
            private int sequence;
            private boolean ended;

            @Override
            public void onNext(ChatMessage message) {
                if (ended) {
                    return;
                }
                if (message.getText().isEmpty()) {
                    ended = true;
                    replies.onError(invalid("text is required"));
                    return;
                }
                String who = message.getName().isEmpty() ? "you" : message.getName();
                replies.onNext(ChatReply.newBuilder().setMessage("Hello, " + who + "! You said: " + message.getText())
                        .setSequence(++sequence).build());
            }

            @Override
            public void onError(Throwable t) {
                ended = true; // the client went away: nobody to answer
            }

            @Override
            public void onCompleted() {
                if (!ended) {
                    ended = true;
                    replies.onCompleted();
                }
            }
        };
    }

    private static Throwable invalid(String message) {
        return Status.INVALID_ARGUMENT.withDescription(message).asRuntimeException();
    }

    /** One running stream: each greeting is sent by the scheduler, which then schedules the next. */
    private final class Greetings {
        private final ServerCallStreamObserver<HelloReply> responses;
        private final String name;
        private final int count;
        private final long intervalMillis;
        private volatile ScheduledFuture<?> next;
        private volatile boolean cancelled;

        Greetings(ServerCallStreamObserver<HelloReply> responses, String name, int count, long intervalMillis) {
            this.responses = responses;
            this.name = name;
            this.count = count;
            this.intervalMillis = intervalMillis;
        }

        void start() {
            // With a cancel handler set, grpc-java also drops messages sent after a cancellation instead of throwing.
            responses.setOnCancelHandler(() -> {
                cancelled = true;
                ScheduledFuture<?> pending = next;
                if (pending != null) {
                    pending.cancel(false);
                }
            });
            // The first greeting goes at once from the call's own thread (onNext never blocks). Scheduling it
            // instead raced: the scheduler could run it and store the second greeting's future in `next` before
            // this method stored the first's, and a cancel then withdrew the finished first one.
            send(1);
        }

        private void send(int sequence) {
            if (cancelled) {
                return;
            }
            responses.onNext(HelloReply.newBuilder()
                    .setMessage("Hello, " + name + "! (" + sequence + "/" + count + ")")
                    .setSequence(sequence)
                    .build());
            if (sequence == count) {
                responses.onCompleted();
                return;
            }
            next = scheduler.schedule(() -> send(sequence + 1), intervalMillis, TimeUnit.MILLISECONDS);
            if (cancelled) {
                // The cancel handler may have run between the check above and this schedule.
                next.cancel(false);
            }
        }
    }
}

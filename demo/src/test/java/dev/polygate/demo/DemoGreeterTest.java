package dev.polygate.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.Duration;
import dev.polygate.demo.greeter.v1.GreeterGrpc;
import dev.polygate.demo.greeter.v1.HelloReply;
import dev.polygate.demo.greeter.v1.HelloRequest;
import io.grpc.Context;
import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Delayed;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.RunnableScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The demo's gRPC backend, called by a grpc-java client over a real socket. */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class DemoGreeterTest {
    private final CancelWatchingScheduler scheduler = new CancelWatchingScheduler();
    private DemoGreeter greeter;
    private ManagedChannel channel;
    private GreeterGrpc.GreeterBlockingStub stub;

    @BeforeEach
    void start() throws Exception {
        greeter = DemoGreeter.start("127.0.0.1", 0, scheduler);
        channel = NettyChannelBuilder.forAddress("127.0.0.1", greeter.port()).usePlaintext().build();
        stub = GreeterGrpc.newBlockingStub(channel).withDeadlineAfter(10, TimeUnit.SECONDS);
    }

    @AfterEach
    void stop() throws Exception {
        channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
        greeter.close();
    }

    @Test
    void saysHelloByName() {
        HelloReply reply = stub.sayHello(HelloRequest.newBuilder().setName("world").build());

        assertThat(reply.getMessage()).isEqualTo("Hello, world!");
    }

    @Test
    void aNameIsRequiredByBothMethods() {
        HelloRequest nameless = HelloRequest.newBuilder().setCount(2).build();

        assertInvalid(() -> stub.sayHello(nameless), "name is required");
        assertInvalid(() -> stub.streamGreetings(nameless).next(), "name is required");
    }

    @Test
    void streamsCountGreetingsInOrderThenEnds() {
        List<HelloReply> replies = new ArrayList<>();
        stub.streamGreetings(request("ann", 3, Duration.newBuilder().setNanos(10_000_000).build()))
                .forEachRemaining(replies::add);

        assertThat(replies).extracting(HelloReply::getMessage)
                .containsExactly("Hello, ann! (1/3)", "Hello, ann! (2/3)", "Hello, ann! (3/3)");
        assertThat(replies).extracting(HelloReply::getSequence).containsExactly(1, 2, 3);
    }

    @Test
    void chatAnswersEachMessageAtOnce() throws Exception {
        java.util.concurrent.BlockingQueue<Object> received = new java.util.concurrent.LinkedBlockingQueue<>();
        io.grpc.stub.StreamObserver<dev.polygate.demo.greeter.v1.ChatMessage> chat = GreeterGrpc.newStub(channel)
                .chat(new io.grpc.stub.StreamObserver<>() {
                    @Override
                    public void onNext(dev.polygate.demo.greeter.v1.ChatReply reply) {
                        received.add(reply);
                    }

                    @Override
                    public void onError(Throwable t) {
                        received.add(t);
                    }

                    @Override
                    public void onCompleted() {
                        received.add("end");
                    }
                });
        for (String text : List.of("hi", "bye")) {
            chat.onNext(dev.polygate.demo.greeter.v1.ChatMessage.newBuilder().setName("ann").setText(text).build());
            Object reply = received.poll(10, TimeUnit.SECONDS);
            assertThat(reply).isInstanceOf(dev.polygate.demo.greeter.v1.ChatReply.class);
            assertThat(((dev.polygate.demo.greeter.v1.ChatReply) reply).getMessage())
                    .isEqualTo("Hello, ann! You said: " + text);
        }
        chat.onCompleted();
        assertThat(received.poll(10, TimeUnit.SECONDS)).isEqualTo("end");
    }

    @Test
    void streamsFiveGreetingsWhenNoCountIsGiven() {
        List<HelloReply> replies = new ArrayList<>();
        stub.streamGreetings(HelloRequest.newBuilder().setName("bo")
                        .setInterval(Duration.newBuilder().setNanos(1_000_000)).build())
                .forEachRemaining(replies::add);

        assertThat(replies).hasSize(5).last().extracting(HelloReply::getMessage).isEqualTo("Hello, bo! (5/5)");
    }

    @Test
    void countAndIntervalOutOfRangeAreInvalidArguments() {
        Duration second = Duration.newBuilder().setSeconds(1).build();
        assertInvalid(() -> stub.streamGreetings(request("x", 101, second)).next(), "count must be between 1 and 100");
        assertInvalid(() -> stub.streamGreetings(request("x", -1, second)).next(), "count must be between 1 and 100");
        assertInvalid(() -> stub.streamGreetings(request("x", 2, Duration.newBuilder().setSeconds(6).build())).next(),
                "interval must be between 0s and 5s");
        assertInvalid(() -> stub.streamGreetings(request("x", 2, Duration.newBuilder().setNanos(-1).build())).next(),
                "interval must be between 0s and 5s");
        assertInvalid(() -> stub.streamGreetings(request("x", 2,
                Duration.newBuilder().setSeconds(Long.MAX_VALUE / 1000 + 1).build())).next(),
                "interval must be between 0s and 5s");
    }

    @Test
    void aCancelledStreamStopsBeingScheduled() throws Exception {
        Context.CancellableContext call = Context.current().withCancellation();
        Iterator<HelloReply> replies = call.call(() -> GreeterGrpc.newBlockingStub(channel)
                .streamGreetings(request("cy", 100, Duration.newBuilder().setSeconds(5).build())));

        assertThat(replies.next().getMessage()).isEqualTo("Hello, cy! (1/100)");
        call.cancel(null);

        // The second greeting waits five seconds in the scheduler: the server's cancel handler must withdraw it.
        assertThat(scheduler.cancelled.await(10, TimeUnit.SECONDS)).isTrue();
        assertThat(scheduler.ran).as("greetings sent").isLessThanOrEqualTo(1);
    }

    private static HelloRequest request(String name, int count, Duration interval) {
        return HelloRequest.newBuilder().setName(name).setCount(count).setInterval(interval).build();
    }

    private static void assertInvalid(Runnable call, String message) {
        assertThatThrownBy(call::run).isInstanceOfSatisfying(StatusRuntimeException.class, e -> {
            assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
            assertThat(e.getStatus().getDescription()).startsWith(message);
        });
    }

    /** Counts the greetings it sends and reports the first withdrawn one. */
    private static final class CancelWatchingScheduler extends ScheduledThreadPoolExecutor {
        final CountDownLatch cancelled = new CountDownLatch(1);
        volatile int ran;

        CancelWatchingScheduler() {
            super(1);
        }

        @Override
        protected <V> RunnableScheduledFuture<V> decorateTask(Runnable runnable, RunnableScheduledFuture<V> task) {
            return new Watched<>(task);
        }

        @Override
        protected void afterExecute(Runnable task, Throwable failure) {
            ran++;
        }

        private final class Watched<V> implements RunnableScheduledFuture<V> {
            private final RunnableScheduledFuture<V> task;

            Watched(RunnableScheduledFuture<V> task) {
                this.task = task;
            }

            @Override
            public boolean cancel(boolean mayInterrupt) {
                boolean withdrawn = task.cancel(mayInterrupt);
                if (withdrawn) {
                    cancelled.countDown();
                }
                return withdrawn;
            }

            @Override
            public void run() {
                task.run();
            }

            @Override
            public boolean isPeriodic() {
                return task.isPeriodic();
            }

            @Override
            public long getDelay(TimeUnit unit) {
                return task.getDelay(unit);
            }

            @Override
            public int compareTo(Delayed other) {
                return task.compareTo(other instanceof Watched<?> watched ? watched.task : other);
            }

            @Override
            public boolean isCancelled() {
                return task.isCancelled();
            }

            @Override
            public boolean isDone() {
                return task.isDone();
            }

            @Override
            public V get() throws InterruptedException, ExecutionException {
                return task.get();
            }

            @Override
            public V get(long timeout, TimeUnit unit) throws InterruptedException, ExecutionException, TimeoutException {
                return task.get(timeout, unit);
            }
        }
    }
}

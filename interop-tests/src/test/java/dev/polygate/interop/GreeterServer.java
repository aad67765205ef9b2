package dev.polygate.interop;

import dev.polygate.demo.greeter.v1.ChatMessage;
import dev.polygate.demo.greeter.v1.ChatReply;
import dev.polygate.demo.greeter.v1.GreeterGrpc;
import dev.polygate.demo.greeter.v1.HelloReply;
import dev.polygate.demo.greeter.v1.HelloRequest;
import io.grpc.Server;
import io.grpc.Status;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.stub.ServerCallStreamObserver;
import io.grpc.stub.StreamObserver;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * A real grpc-java Greeter (plaintext, free port) behind the gateway. Its transport is grpc-netty-shaded, whose
 * Netty is its own, so it stays out of this JVM's leak accounting like a separate backend would. An empty name is
 * INVALID_ARGUMENT; streams are paced by a scheduler, so each message leaves on its own and clients can show that
 * they receive them one by one.
 */
final class GreeterServer implements AutoCloseable {
    static final String EMPTY_NAME = "name must not be empty";
    private final ScheduledExecutorService pacing = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "greeter-pacing");
        thread.setDaemon(true);
        return thread;
    });
    private final Server server;

    GreeterServer() throws IOException {
        server = NettyServerBuilder.forAddress(new InetSocketAddress("127.0.0.1", 0))
                .addService(new Greeter())
                .build()
                .start();
    }

    int port() {
        return server.getPort();
    }

    @Override
    public void close() throws InterruptedException {
        server.shutdownNow().awaitTermination(10, TimeUnit.SECONDS);
        pacing.shutdownNow();
    }

    private final class Greeter extends GreeterGrpc.GreeterImplBase {
        @Override
        public void sayHello(HelloRequest request, StreamObserver<HelloReply> replies) {
            if (request.getName().isEmpty()) {
                replies.onError(Status.INVALID_ARGUMENT.withDescription(EMPTY_NAME).asRuntimeException());
                return;
            }
            replies.onNext(HelloReply.newBuilder().setMessage("Hello, " + request.getName() + "!").build());
            replies.onCompleted();
        }

        @Override
        public void streamGreetings(HelloRequest request, StreamObserver<HelloReply> replies) {
            if (request.getName().isEmpty()) {
                replies.onError(Status.INVALID_ARGUMENT.withDescription(EMPTY_NAME).asRuntimeException());
                return;
            }
            int count = request.getCount() > 0 ? request.getCount() : 5;
            long intervalMillis = request.hasInterval()
                    ? request.getInterval().getSeconds() * 1000 + request.getInterval().getNanos() / 1_000_000 : 200;
            send(request.getName(), 1, count, intervalMillis, (ServerCallStreamObserver<HelloReply>) replies);
        }

        /** Bidirectional: each message is answered at once with "re: " and its text, numbered. */
        @Override
        public StreamObserver<ChatMessage> chat(StreamObserver<ChatReply> replies) {
            return new StreamObserver<>() {
                private int sequence;

                @Override
                public void onNext(ChatMessage message) {
                    replies.onNext(ChatReply.newBuilder().setMessage("re: " + message.getText())
                            .setSequence(++sequence).build());
                }

                @Override
                public void onError(Throwable t) {
                    // the client went away: nobody to answer
                }

                @Override
                public void onCompleted() {
                    replies.onCompleted();
                }
            };
        }

        /** Sends greeting {@code sequence}, then schedules the next one: the stream is paced without blocking. */
        private void send(String name, int sequence, int count, long intervalMillis,
                          ServerCallStreamObserver<HelloReply> replies) {
            if (replies.isCancelled()) {
                return;
            }
            replies.onNext(HelloReply.newBuilder().setSequence(sequence)
                    .setMessage("Hello #" + sequence + ", " + name + "!").build());
            if (sequence == count) {
                replies.onCompleted();
                return;
            }
            pacing.schedule(() -> send(name, sequence + 1, count, intervalMillis, replies), intervalMillis,
                    TimeUnit.MILLISECONDS);
        }
    }
}

package dev.polygate.translators.model.web;

import dev.polygate.demo.greeter.v1.GreeterGrpc;
import dev.polygate.demo.greeter.v1.HelloReply;
import dev.polygate.demo.greeter.v1.HelloRequest;
import io.grpc.ForwardingServerCall;
import io.grpc.Metadata;
import io.grpc.Server;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.ServerInterceptors;
import io.grpc.Status;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.stub.StreamObserver;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * A real grpc-java Greeter on a free port. It records the names it was called with and the metadata of
 * the last call, echoes {@code x-echo} into the response headers and adds an {@code x-trailer} trailer.
 * The stream for the name {@code gated} holds its last message until {@link #gate} opens.
 */
final class GreeterBackend implements AutoCloseable {
    static final Metadata.Key<String> ECHO = Metadata.Key.of("x-echo", Metadata.ASCII_STRING_MARSHALLER);
    static final Metadata.Key<String> TRAILER = Metadata.Key.of("x-trailer", Metadata.ASCII_STRING_MARSHALLER);

    final List<String> calledWith = new CopyOnWriteArrayList<>();
    final CountDownLatch gate = new CountDownLatch(1);
    volatile Metadata lastHeaders;
    private final Server server;

    GreeterBackend() throws IOException {
        server = NettyServerBuilder.forAddress(new InetSocketAddress("127.0.0.1", 0))
                .addService(ServerInterceptors.intercept(new Greeter(), new Echo()))
                .build()
                .start();
    }

    int port() {
        return server.getPort();
    }

    @Override
    public void close() throws InterruptedException {
        gate.countDown();
        server.shutdownNow().awaitTermination(10, TimeUnit.SECONDS);
    }

    private final class Greeter extends GreeterGrpc.GreeterImplBase {
        @Override
        public void sayHello(HelloRequest request, StreamObserver<HelloReply> replies) {
            calledWith.add(request.getName());
            if (request.getName().startsWith("fail")) {
                replies.onError(Status.NOT_FOUND.withDescription("nobody called " + request.getName() + " here ☕ 100%")
                        .asRuntimeException());
                return;
            }
            replies.onNext(HelloReply.newBuilder().setMessage("Hello, " + request.getName()).build());
            replies.onCompleted();
        }

        @Override
        public void streamGreetings(HelloRequest request, StreamObserver<HelloReply> replies) {
            calledWith.add(request.getName());
            int count = request.getCount() == 0 ? 5 : request.getCount();
            String padding = request.getName().equals("big") ? "x".repeat(2000) : "";
            for (int i = 1; i <= count; i++) {
                if (request.getName().equals("gated") && i == count) {
                    try {
                        if (!gate.await(30, TimeUnit.SECONDS)) {
                            replies.onError(Status.DEADLINE_EXCEEDED.asRuntimeException());
                            return;
                        }
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        return;
                    }
                }
                replies.onNext(HelloReply.newBuilder().setSequence(i)
                        .setMessage("Hello #" + i + ", " + request.getName() + padding).build());
            }
            replies.onCompleted();
        }
    }

    private final class Echo implements ServerInterceptor {
        @Override
        public <Q, R> ServerCall.Listener<Q> interceptCall(ServerCall<Q, R> call, Metadata headers,
                                                           ServerCallHandler<Q, R> next) {
            lastHeaders = headers;
            String echo = headers.get(ECHO);
            return next.startCall(new ForwardingServerCall.SimpleForwardingServerCall<>(call) {
                @Override
                public void sendHeaders(Metadata responseHeaders) {
                    if (echo != null) {
                        responseHeaders.put(ECHO, echo);
                    }
                    super.sendHeaders(responseHeaders);
                }

                @Override
                public void close(Status status, Metadata trailers) {
                    trailers.put(TRAILER, "done");
                    super.close(status, trailers);
                }
            }, headers);
        }
    }
}

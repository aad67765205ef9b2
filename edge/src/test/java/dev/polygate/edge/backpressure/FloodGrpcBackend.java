package dev.polygate.edge.backpressure;

import com.google.protobuf.ByteString;
import dev.polygate.test.v1.Everything;
import dev.polygate.test.v1.KitchenSinkGrpc;
import io.grpc.Server;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.stub.ServerCallStreamObserver;
import io.grpc.stub.StreamObserver;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.zip.CRC32C;

/**
 * A real grpc-java server on a free port whose {@code KitchenSink.EchoStream} floods: it answers
 * {@code int32_value} messages of {@code int64_value} pseudo-random bytes each (in {@code bytes_value}), handing
 * one to grpc-java whenever the call is ready, so how much it managed to send follows the gateway's flow control.
 */
final class FloodGrpcBackend implements AutoCloseable {
    private final WriteProgress progress = new WriteProgress();
    private final CompletableFuture<Long> checksum = new CompletableFuture<>();
    private final Server server;

    FloodGrpcBackend() throws IOException {
        server = NettyServerBuilder.forAddress(new InetSocketAddress("127.0.0.1", 0))
                .addService(new FloodingKitchenSink()).build().start();
    }

    int port() {
        return server.getPort();
    }

    /** Payload bytes of the messages handed to grpc-java so far. */
    WriteProgress progress() {
        return progress;
    }

    /** The CRC-32C of every message's payload in order, once the last one is handed over. */
    long checksum() throws Exception {
        return checksum.get(60, TimeUnit.SECONDS);
    }

    @Override
    public void close() throws InterruptedException {
        server.shutdownNow();
        server.awaitTermination(5, TimeUnit.SECONDS);
    }

    private final class FloodingKitchenSink extends KitchenSinkGrpc.KitchenSinkImplBase {
        @Override
        public void echoStream(Everything request, StreamObserver<Everything> answer) {
            Flood flood = new Flood((ServerCallStreamObserver<Everything>) answer, request.getInt32Value(),
                    (int) request.getInt64Value());
            flood.call.setOnCancelHandler(() -> { });
            flood.call.setOnReadyHandler(flood::send);
            flood.send();
        }
    }

    /** One call's messages; grpc-java runs the handlers of a call one at a time. */
    private final class Flood {
        private final ServerCallStreamObserver<Everything> call;
        private final int payloadSize;
        private final SplittableRandom random = new SplittableRandom(11);
        private final CRC32C crc = new CRC32C();
        private int left;

        Flood(ServerCallStreamObserver<Everything> call, int count, int payloadSize) {
            this.call = call;
            this.left = count;
            this.payloadSize = payloadSize;
        }

        void send() {
            while (left > 0 && call.isReady() && !call.isCancelled()) {
                byte[] payload = new byte[payloadSize];
                random.nextBytes(payload);
                crc.update(payload);
                left--;
                call.onNext(Everything.newBuilder().setInt32Value(left).setBytesValue(ByteString.copyFrom(payload))
                        .build());
                progress.add(payloadSize);
            }
            if (left == 0 && !checksum.isDone()) {
                checksum.complete(crc.getValue());
                call.onCompleted();
            }
        }
    }
}

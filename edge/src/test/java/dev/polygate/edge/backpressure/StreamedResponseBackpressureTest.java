package dev.polygate.edge.backpressure;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.polygate.edge.testing.RunningGateway;
import dev.polygate.test.v1.Everything;
import dev.polygate.test.v1.KitchenSinkGrpc;
import io.grpc.CallOptions;
import io.grpc.ClientCall;
import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.Status;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import java.io.BufferedReader;
import java.io.DataInputStream;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.zip.CRC32C;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Server streams from a grpc-java backend that sends whenever its call is ready, to clients that read the head
 * and then nothing: gRPC-Web and REST (NDJSON) over HTTP/1.1, and native gRPC passed through. The gateway stops
 * reading the backend's stream while it cannot write to the client, so the backend's sends stall after a few
 * buffers' worth; when the client reads again, every message arrives intact.
 */
class StreamedResponseBackpressureTest {
    private static final int PAYLOAD = 16 * 1024;
    /**
     * 32 MiB of payload to HTTP/1.1 clients; the gateway's socket to them holds up to 4 MiB and the HTTP/2 windows
     * to the backend a little more (2.8 to 3.7 MB seen).
     */
    private static final int HTTP1_MESSAGES = 2048;
    private static final long HTTP1_BOUND = 8L * 1024 * 1024;
    /** 16 MiB to a gRPC client, whose 64 KiB window holds little (0.2 MB seen). */
    private static final int GRPC_MESSAGES = 1024;
    private static final long GRPC_BOUND = 4L * 1024 * 1024;
    private static final ObjectMapper JSON = new ObjectMapper();
    @TempDir
    Path dir;
    private FloodGrpcBackend backend;
    private RunningGateway gateway;

    @BeforeEach
    void start() throws Exception {
        backend = new FloodGrpcBackend();
        Path descriptors = dir.resolve("services.pb");
        try (InputStream in = getClass().getResourceAsStream("/dev/polygate/proto/polygate-services.pb")) {
            Files.copy(in, descriptors);
        }
        gateway = RunningGateway.start(dir, null, "upstreams:\n  flood: { endpoints: [ \"h2c://127.0.0.1:"
                + backend.port() + "\" ] }\n"
                + "routes:\n  - name: flood\n    match: { prefix: / }\n    translator: grpc\n"
                + "    backend: { upstream: flood, schema: { descriptorSets: [ \"" + descriptors + "\" ] } }\n");
    }

    @AfterEach
    void stop() throws Exception {
        gateway.close();
        backend.close();
    }

    @Test
    void aGrpcWebClientThatStopsReadingHoldsTheBackendBack() throws Exception {
        byte[] request = Everything.newBuilder().setInt32Value(HTTP1_MESSAGES).setInt64Value(PAYLOAD).build().toByteArray();
        try (StallingHttp1Client client = new StallingHttp1Client(gateway.httpPort())) {
            StallingHttp1Client.Head head = client.send("POST", "/polygate.test.v1.KitchenSink/EchoStream",
                    Map.of("content-type", "application/grpc-web+proto", "x-grpc-web", "1"), grpcFrame(request));
            assertThat(head.status()).isEqualTo(200);

            backend.progress().assertSettlesBelow(HTTP1_BOUND);

            CRC32C crc = new CRC32C();
            int messages = 0;
            String trailers = null;
            try (DataInputStream body = new DataInputStream(client.body())) {
                while (trailers == null) {
                    int flags = body.readUnsignedByte();
                    byte[] frame = new byte[body.readInt()];
                    body.readFully(frame);
                    if ((flags & 0x80) != 0) {
                        trailers = new String(frame, StandardCharsets.US_ASCII);
                    } else {
                        crc.update(Everything.parseFrom(frame).getBytesValue().asReadOnlyByteBuffer());
                        messages++;
                    }
                }
            }
            assertThat(trailers).contains("grpc-status:0");
            assertComplete(HTTP1_MESSAGES, messages, crc);
        }
    }

    @Test
    void aRestClientThatStopsReadingAStreamHoldsTheBackendBack() throws Exception {
        try (StallingHttp1Client client = new StallingHttp1Client(gateway.httpPort())) {
            StallingHttp1Client.Head head = client.send("GET", "/v1/everything:stream?int32Value=" + HTTP1_MESSAGES
                    + "&int64Value=" + PAYLOAD, Map.of(), null);
            assertThat(head.status()).isEqualTo(200);
            assertThat(head.headers()).containsEntry("content-type", "application/x-ndjson");

            backend.progress().assertSettlesBelow(HTTP1_BOUND);

            CRC32C crc = new CRC32C();
            int messages = 0;
            try (BufferedReader lines = new BufferedReader(new InputStreamReader(client.body(), StandardCharsets.UTF_8))) {
                for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                    JsonNode message = JSON.readTree(line);
                    assertThat(message.has("error")).as(line).isFalse();
                    crc.update(Base64.getDecoder().decode(message.get("bytesValue").asText()));
                    messages++;
                }
            }
            assertComplete(HTTP1_MESSAGES, messages, crc);
        }
    }

    @Test
    void aGrpcClientThatRequestsNoMessageHoldsTheBackendBack() throws Exception {
        // A fixed window turns off grpc-java's window tuning: what it has not delivered, it does not give back.
        ManagedChannel channel = NettyChannelBuilder.forAddress("127.0.0.1", gateway.httpPort()).usePlaintext()
                .flowControlWindow(64 * 1024).build();
        try {
            PassthroughListener listener = new PassthroughListener();
            ClientCall<Everything, Everything> call = channel.newCall(KitchenSinkGrpc.getEchoStreamMethod(),
                    CallOptions.DEFAULT.withDeadlineAfter(2, TimeUnit.MINUTES));
            call.start(listener, new Metadata());
            call.sendMessage(Everything.newBuilder().setInt32Value(GRPC_MESSAGES).setInt64Value(PAYLOAD).build());
            call.halfClose();
            listener.headers.get(10, TimeUnit.SECONDS);

            backend.progress().assertSettlesBelow(GRPC_BOUND);

            call.request(Integer.MAX_VALUE);
            assertThat(listener.status.get(60, TimeUnit.SECONDS).getCode()).isEqualTo(Status.Code.OK);
            assertComplete(GRPC_MESSAGES, listener.messages, listener.crc);
        } finally {
            channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
        }
    }

    private void assertComplete(int sent, int messages, CRC32C payloads) throws Exception {
        assertThat(messages).isEqualTo(sent);
        assertThat(payloads.getValue()).as("CRC-32C of the payloads").isEqualTo(backend.checksum());
    }

    private static byte[] grpcFrame(byte[] message) {
        byte[] frame = new byte[5 + message.length];
        frame[1] = (byte) (message.length >>> 24);
        frame[2] = (byte) (message.length >>> 16);
        frame[3] = (byte) (message.length >>> 8);
        frame[4] = (byte) message.length;
        System.arraycopy(message, 0, frame, 5, message.length);
        return frame;
    }

    /** Counts and checksums the payloads it is given; grpc-java calls it on one thread at a time. */
    private static final class PassthroughListener extends ClientCall.Listener<Everything> {
        final CompletableFuture<Metadata> headers = new CompletableFuture<>();
        final CompletableFuture<Status> status = new CompletableFuture<>();
        final CRC32C crc = new CRC32C();
        volatile int messages;

        @Override
        public void onHeaders(Metadata metadata) {
            headers.complete(metadata);
        }

        @Override
        public void onMessage(Everything message) {
            crc.update(message.getBytesValue().asReadOnlyByteBuffer());
            messages++;
        }

        @Override
        public void onClose(Status closed, Metadata trailers) {
            headers.complete(trailers);
            status.complete(closed);
        }
    }
}

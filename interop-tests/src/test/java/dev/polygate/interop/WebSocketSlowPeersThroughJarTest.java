package dev.polygate.interop;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.util.ResourceLeakDetector;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.zip.CRC32;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The built jar, started with a 64 MB heap and 64 MB of direct memory, relaying 200 MB over a WebSocket
 * passthrough to a peer that stops reading for a while: the gateway must stop reading the other side instead of
 * holding what it cannot deliver. Downloads: the backend writes only while its socket takes bytes, so what it has
 * handed over stops growing while the client pauses, and everything arrives, CRC32 intact, once it reads again.
 * Uploads: the same with the backend reading nothing for a while and the client writing as fast as it can.
 */
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class WebSocketSlowPeersThroughJarTest {
    private static final long BIG = 200L * 1024 * 1024;
    private static final long MIB = 1024 * 1024;
    /** Kernel socket buffers on the three connections (client, gateway's both sides, backend) plus the gateway's
     * write buffer water marks; what the gateway could hold beyond that would show as growth during the pause. */
    private static final long IN_FLIGHT_BOUND = 48 * MIB;
    private static final long SETTLE_MS = 3000;
    private static final long WATCH_MS = 3000;

    @TempDir
    static Path dir;
    static BulkWebSocketBackend backend;
    static GatewayProcess gateway;
    static ExecutorService writer = Executors.newSingleThreadExecutor();

    /**
     * Paranoid leak detection records a stack trace on every access to a buffer, and unmasking a client's frames
     * reads and writes them eight bytes at a time: 26 million traces for 200 MB, in the gateway and in the backend
     * it relays to. Sampled detection still reports leaks; the other tests keep the paranoid level.
     */
    private static final List<String> SAMPLED_LEAK_DETECTION = List.of("-Dio.netty.leakDetection.level=simple");
    private static ResourceLeakDetector.Level leakDetectionBefore;

    @BeforeAll
    static void start() throws Exception {
        leakDetectionBefore = ResourceLeakDetector.getLevel();
        ResourceLeakDetector.setLevel(ResourceLeakDetector.Level.SIMPLE);
        backend = new BulkWebSocketBackend();
        Path config = dir.resolve("gateway.yaml");
        Files.writeString(config, LocalGatewayConfig.yaml("""
                bulk: { endpoints: [ "ws://127.0.0.1:%d" ] }
                """.formatted(backend.port()), """
                - name: bulk
                  match: { prefix: /bulk }
                  translator: websocket
                  backend: { upstream: bulk }
                """));
        List<String> jvm = new java.util.ArrayList<>(List.of("-Xmx64m", "-XX:MaxDirectMemorySize=64m"));
        jvm.addAll(SAMPLED_LEAK_DETECTION); // after the paranoid default, so this one is in force
        gateway = GatewayProcess.start(jvm, "run", "--config", config.toString());
    }

    @AfterAll
    static void stop() throws Exception {
        writer.shutdownNow();
        if (gateway != null) {
            gateway.close();
        }
        if (backend != null) {
            backend.close();
        }
        ResourceLeakDetector.setLevel(leakDetectionBefore);
    }

    @Test
    void aClientThatPausesReadingHoldsTheBackendBackAndThenGetsAll200Megabytes() throws Exception {
        long started = System.nanoTime();
        try (BlockingWebSocketClient client = new BlockingWebSocketClient(gateway.port("http"),
                "/bulk/download?bytes=" + BIG, 64 * 1024)) {
            CRC32 crc = new CRC32();
            long received = receive(client, 8 * MIB, crc);

            // The pause under test: the client reads nothing. Once the buffers on the way are full, the backend's
            // socket takes no more.
            TimeUnit.MILLISECONDS.sleep(SETTLE_MS);
            long settled = backend.sent();
            TimeUnit.MILLISECONDS.sleep(WATCH_MS);
            long paused = backend.sent();
            System.out.printf("download: client read %d MiB then paused; backend had sent %.1f MiB after %d ms, "
                    + "%.1f MiB after %d ms%n", received / MIB, settled / (double) MIB, SETTLE_MS,
                    paused / (double) MIB, SETTLE_MS + WATCH_MS);
            assertThat(backend.wentUnwritable()).as("the backend's socket stopped taking bytes").isTrue();
            assertThat(paused - settled).as("bytes the backend sent while the client kept pausing").isLessThan(4 * MIB);
            assertThat(paused - received).as("bytes sent by the backend and not yet read by the client")
                    .isLessThan(IN_FLIGHT_BOUND);
            assertThat(gateway.isAlive()).isTrue();

            received += receive(client, BIG - received, crc);
            assertThat(received).isEqualTo(BIG);
            assertThat(crc.getValue()).as("CRC32 of the bytes received").isEqualTo(PseudoRandomBytes.crc32(BIG));
        }
        assertThat(TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - started)).isLessThan(60);
        assertThat(gateway.isAlive()).isTrue();
        assertThat(gateway.output()).doesNotContain("OutOfMemoryError");
    }

    @Test
    void aBackendThatPausesReadingHoldsTheClientBackAndThenGetsAll200Megabytes() throws Exception {
        long pauseMs = SETTLE_MS + WATCH_MS + 1000;
        long started = System.nanoTime();
        try (BlockingWebSocketClient client = new BlockingWebSocketClient(gateway.port("http"),
                "/bulk/upload?pauseMs=" + pauseMs, 64 * 1024)) {
            AtomicLong written = new AtomicLong();
            CompletableFuture<Void> upload = CompletableFuture.runAsync(() -> send(client, written), writer);

            // The backend reads nothing for pauseMs: the client's writes must block once the buffers are full.
            TimeUnit.MILLISECONDS.sleep(SETTLE_MS);
            long settled = written.get();
            TimeUnit.MILLISECONDS.sleep(WATCH_MS);
            long paused = written.get();
            System.out.printf("upload: the backend paused reading; the client had written %.1f MiB after %d ms, "
                    + "%.1f MiB after %d ms%n", settled / (double) MIB, SETTLE_MS, paused / (double) MIB,
                    SETTLE_MS + WATCH_MS);
            assertThat(paused - settled).as("bytes the client wrote while the backend kept pausing").isLessThan(4 * MIB);
            assertThat(paused).as("bytes written by the client while the backend read nothing")
                    .isLessThan(IN_FLIGHT_BOUND);
            assertThat(upload).isNotDone();
            assertThat(gateway.isAlive()).isTrue();

            long resumed = System.nanoTime();
            upload.get(60, TimeUnit.SECONDS);
            System.out.printf("upload after the pause: %d ms%n", TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - resumed));
            client.sendText("done");
            BlockingWebSocketClient.Frame answer = client.readFrame();
            assertThat(answer.text()).isEqualTo("received " + BIG + " crc32 " + PseudoRandomBytes.crc32(BIG));
        }
        assertThat(TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - started)).isLessThan(60);
        assertThat(gateway.isAlive()).isTrue();
        assertThat(gateway.output()).doesNotContain("OutOfMemoryError");
    }

    /** Reads data frames until {@code bytes} more have come, adding them to {@code crc}. */
    private static long receive(BlockingWebSocketClient client, long bytes, CRC32 crc) throws IOException {
        long received = 0;
        while (received < bytes) {
            BlockingWebSocketClient.Frame frame = client.readFrame();
            if (frame.opcode() != 0x2 && frame.opcode() != 0x0) {
                throw new AssertionError("expected binary data, got opcode " + frame.opcode() + ": " + frame.text());
            }
            crc.update(frame.payload());
            received += frame.payload().length;
        }
        return received;
    }

    /** Writes the 200 MB in 64 KiB binary messages, counting what the socket has taken. */
    private static void send(BlockingWebSocketClient client, AtomicLong written) {
        byte[] block = new byte[BulkWebSocketBackend.MESSAGE];
        try {
            for (long position = 0; position < BIG; position += block.length) {
                int n = (int) Math.min(block.length, BIG - position);
                PseudoRandomBytes.fill(block, 0, n, position);
                client.send(0x2, block, n);
                written.addAndGet(n);
            }
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}

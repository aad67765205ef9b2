package dev.polygate.edge.websocket;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Backpressure on sessions to an HTTP/2 backend ({@code http2: true}, Jetty 12 over h2c): a client that stops reading
 * makes the gateway stop reading the stream, so HTTP/2 flow control stops Jetty's flood; a backend that stops reading
 * (Jetty's demand) lets the stream's window run out, and the gateway stops reading a flooding client. Either way the
 * bytes in flight stay bounded and everything arrives once the reader reads again.
 */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class WebSocketToHttp2BackpressureTest {
    /**
     * What may be in flight while one side reads nothing: the kernel's socket buffers of the client's hop (several
     * MB once autotuned, as in WebSocketBackpressureTest) plus the HTTP/2 stream's window; without the pause the
     * flood goes on until the test's deadline.
     */
    private static final long BOUND = 16L * 1024 * 1024;
    private static final int CHUNK = 16 * 1024;

    @TempDir
    static Path dir;
    static JettyHttp2WebSocketBackend jetty;
    static WebSocketGateway setup;

    @BeforeAll
    static void start() throws Exception {
        jetty = new JettyHttp2WebSocketBackend(true);
        setup = new WebSocketGateway(dir, """
                  jetty: { endpoints: [ "ws://127.0.0.1:%d" ] }
                """.formatted(jetty.port()), """
                routes:
                  - { name: h2, match: { prefix: /h2 }, translator: websocket, backend: { upstream: jetty, http2: true } }
                """);
    }

    @AfterAll
    static void stop() throws Exception {
        if (setup != null) {
            setup.close();
        }
        if (jetty != null) {
            jetty.close();
        }
    }

    @Test
    void aClientThatStopsReadingHoldsAFloodingHttp2BackendBack() throws Exception {
        try (RawWebSocket ws = RawWebSocket.open(setup.port(), RawWebSocket.handshake("/h2/flood", ""), 16 * 1024)) {
            assertThat(ws.status()).isEqualTo(101);
            ws.sendText("flood");
            long written = jetty.awaitFloodSettled();
            assertThat(written).as("bytes Jetty wrote while the client read nothing").isPositive().isLessThan(BOUND);
            long read = 0;
            while (read < written + 1024 * 1024) {
                read += ws.read().payload().length;
            }
            assertThat(jetty.flooded.get()).as("Jetty goes on once the client reads").isGreaterThan(written);
        }
    }

    @Test
    void anHttp2BackendThatStopsReadingHoldsAFloodingClientBack() throws Exception {
        long total = BOUND + 4L * 1024 * 1024; // more than may be in flight: without the pause the client gets it all out
        long started = System.nanoTime();
        jetty.received.set(0);
        jetty.opened.clear();
        try (RawWebSocket ws = RawWebSocket.connect(setup.port(), "/h2/sink", "")) {
            assertThat(ws.status()).isEqualTo(101);
            ws.sendText("sink");
            JettyEchoSession session = jetty.nextOpened();
            AtomicLong sent = new AtomicLong();
            Semaphore progress = new Semaphore(0);
            AtomicReference<IOException> failure = new AtomicReference<>();
            byte[] frame = RawWebSocket.encode(RawWebSocket.BINARY, true, 0, true, new byte[CHUNK]);
            Thread writer = new Thread(() -> {
                try {
                    while (sent.get() < total) {
                        ws.sendRaw(frame);
                        sent.addAndGet(CHUNK);
                        progress.release();
                    }
                } catch (IOException e) {
                    failure.set(e);
                }
            }, "flooding client");
            writer.setDaemon(true);
            writer.start();
            long settled = awaitSettled(sent, progress);
            assertThat(settled).as("bytes the client got out while Jetty read nothing").isPositive().isLessThan(BOUND);
            assertThat(jetty.received.get()).as("Jetty reads nothing in sink mode").isZero();
            session.resumeReading();
            writer.join(TimeUnit.SECONDS.toMillis(100));
            assertThat(failure.get()).isNull();
            assertThat(sent.get()).isEqualTo(total);
            jetty.awaitReceived(total);
            assertThat(jetty.received.get()).isEqualTo(total);
            System.out.printf("client flood to HTTP/2 backend: %d bytes held back at most, %d bytes in %d ms%n", settled,
                    total, TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started));
        }
    }

    /** Waits until the client's writes stop moving for a second, and returns the bytes written by then. */
    private static long awaitSettled(AtomicLong sent, Semaphore progress) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (System.nanoTime() < deadline) {
            progress.drainPermits();
            if (!progress.tryAcquire(1, TimeUnit.SECONDS)) {
                return sent.get();
            }
        }
        throw new AssertionError("the client was still writing after 30 s: " + sent.get());
    }
}

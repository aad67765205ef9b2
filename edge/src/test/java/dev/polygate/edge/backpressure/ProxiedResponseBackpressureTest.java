package dev.polygate.edge.backpressure;

import static org.assertj.core.api.Assertions.assertThat;

import dev.polygate.edge.testing.RunningGateway;
import io.netty.handler.codec.http2.Http2Headers;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A client that reads the response head and then nothing, in front of a backend that writes as fast as it can:
 * the gateway stops reading from the upstream while it cannot write to the client, so the backend gets only a
 * few buffers' worth out (without the pause it writes the whole body into the gateway's memory). When the client
 * reads again, the whole body arrives intact.
 */
class ProxiedResponseBackpressureTest {
    private static final long MB = 1024 * 1024;
    /** HTTP/1.1: the kernel grows the socket buffers of both hops to a few MB (7 MB seen) before the pause. */
    private static final long HTTP1_SIZE = 64 * MB;
    private static final long HTTP1_BOUND = 16 * MB;
    /** HTTP/2: the client's 16 KiB window holds little, the upstream socket's buffers a bit more (0.2 MB seen). */
    private static final long H2_SIZE = 16 * MB;
    private static final long H2_BOUND = 4 * MB;
    @TempDir
    Path dir;
    private FloodBackend backend;
    private RunningGateway gateway;

    @BeforeEach
    void start() throws Exception {
        backend = new FloodBackend();
        gateway = RunningGateway.start(dir, null, "upstreams:\n  flood: { endpoints: [ \"http://127.0.0.1:"
                + backend.port() + "\" ] }\n"
                + "routes:\n  - { name: flood, match: { prefix: /flood }, backend: { upstream: flood } }\n");
    }

    @AfterEach
    void stop() {
        gateway.close();
        backend.close();
    }

    @Test
    void anHttp1ClientThatStopsReadingHoldsTheBackendBack() throws Exception {
        try (StallingHttp1Client client = new StallingHttp1Client(gateway.httpPort())) {
            StallingHttp1Client.Head head = client.send("GET", "/flood/" + HTTP1_SIZE, Map.of(), null);
            assertThat(head.status()).isEqualTo(200);

            backend.progress().assertSettlesBelow(HTTP1_BOUND);

            try (InputStream body = client.body()) {
                assertThat(Received.readAll(body)).isEqualTo(new Received(HTTP1_SIZE, backend.checksum()));
            }
        }
    }

    @Test
    void anHttp2ClientThatReturnsNoWindowHoldsTheBackendBack() throws Exception {
        try (StallingH2Client client = new StallingH2Client(gateway.httpPort())) {
            Http2Headers head = client.get("/flood/" + H2_SIZE);
            assertThat(head.status().toString()).isEqualTo("200");

            backend.progress().assertSettlesBelow(H2_BOUND);

            client.resume();
            assertThat(client.body()).isEqualTo(new Received(H2_SIZE, backend.checksum()));
        }
    }
}

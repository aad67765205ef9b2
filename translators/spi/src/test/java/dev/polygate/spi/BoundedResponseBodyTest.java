package dev.polygate.spi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Bodies read through a real HTTP server on loopback: announced or streamed, within the limit or past it. */
class BoundedResponseBodyTest {
    private HttpServer server;
    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @BeforeEach
    void start() throws Exception {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            int size = Integer.parseInt(exchange.getRequestURI().getQuery().substring("size=".length()));
            boolean chunked = exchange.getRequestURI().getPath().equals("/chunked");
            exchange.sendResponseHeaders(200, chunked ? 0 : size);
            try (OutputStream out = exchange.getResponseBody()) {
                for (int i = 0; i < size; i++) {
                    out.write('x');
                }
            } catch (java.io.IOException clientLeft) {
                // the client stops reading past its limit
            }
        });
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private byte[] fetch(String path, int size, int limit) throws Exception {
        URI uri = URI.create("http://127.0.0.1:" + server.getAddress().getPort() + path + "?size=" + size);
        return client.sendAsync(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(5)).build(),
                BoundedResponseBody.atMost(limit)).get(10, TimeUnit.SECONDS).body();
    }

    @Test
    void aBodyWithinTheLimitIsReadWhole() throws Exception {
        assertThat(fetch("/announced", 100, 100)).hasSize(100);
        assertThat(fetch("/chunked", 100_000, 100_000)).hasSize(100_000);
    }

    @Test
    void aBodyPastTheLimitFailsTheCallWhetherAnnouncedOrNot() {
        for (String path : new String[] {"/announced", "/chunked"}) {
            assertThatThrownBy(() -> fetch(path, 200_000, 1000)).as(path).isInstanceOf(ExecutionException.class)
                    .cause().isInstanceOf(BoundedResponseBody.TooLarge.class)
                    .hasMessage("the answer is larger than 1000 bytes");
        }
    }
}

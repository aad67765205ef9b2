package dev.polygate.policies.auth.jwt;

import dev.polygate.spi.BoundedResponseBody;
import dev.polygate.spi.ConfigNode;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The HTTP client of the token methods (JWKS fetches, introspection calls): the JDK's asynchronous client on a small
 * pool of its own, so that neither starting a call (which may resolve a host name) nor its answer ever runs on an
 * event loop. Answers are read into memory up to a bound.
 */
public final class OffLoopHttp implements AutoCloseable {
    private static final AtomicInteger POOLS = new AtomicInteger();

    private final ThreadPoolExecutor pool;
    private final HttpClient client;

    /** @param purpose names the pool's threads, e.g. {@code jwks} */
    public OffLoopHttp(String purpose) {
        int id = POOLS.incrementAndGet();
        AtomicInteger threads = new AtomicInteger();
        pool = new ThreadPoolExecutor(2, 2, 30, TimeUnit.SECONDS, new LinkedBlockingQueue<>(4096), task -> {
            Thread thread = new Thread(task, "polygate-" + purpose + "-" + id + "-" + threads.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        pool.allowCoreThreadTimeOut(true);
        client = HttpClient.newBuilder()
                .executor(pool)
                .version(HttpClient.Version.HTTP_1_1)
                .followRedirects(HttpClient.Redirect.NEVER)
                .connectTimeout(Duration.ofSeconds(10))
                .build();
    }

    /**
     * Sends {@code request} and reads the answer's body, failing with {@link BoundedResponseBody.TooLarge} past {@code maxBytes}
     * and with a timeout past {@code timeout} (connecting and reading included). Completes on this client's pool.
     */
    public CompletableFuture<HttpResponse<byte[]>> send(HttpRequest request, int maxBytes, Duration timeout) {
        return CompletableFuture.supplyAsync(() -> client.sendAsync(request, BoundedResponseBody.atMost(maxBytes)), pool)
                .thenCompose(sent -> sent)
                .orTimeout(timeout.toNanos(), TimeUnit.NANOSECONDS);
    }

    /** An {@code https://} (or {@code http://}) URL from the section, or null (the problem is added). */
    public static URI url(ConfigNode section, String key) {
        String text = section.requiredText(key);
        if (text == null) {
            return null;
        }
        try {
            URI uri = new URI(text);
            if (!("https".equals(uri.getScheme()) || "http".equals(uri.getScheme())) || uri.getHost() == null) {
                section.get(key).problem("must be an https:// (or http://) URL");
                return null;
            }
            return uri;
        } catch (URISyntaxException e) {
            section.get(key).problem("is not a URL: " + e.getMessage());
            return null;
        }
    }

    @Override
    public void close() {
        pool.shutdownNow();
    }
}

package dev.polygate.policies.auth.jwt;

import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSVerifier;
import com.nimbusds.jose.jwk.JWKSet;
import dev.polygate.spi.ErrorKind;
import dev.polygate.spi.GatewayException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The key set published at one JWKS URL, fetched off the event loops and kept across reloads (one per URL). A token
 * naming a {@code kid} the set lacks triggers a refetch, so keys rotate without a restart; fetches are at least
 * {@code minInterval} apart whatever tokens arrive, and concurrent requests share the fetch under way. When a fetch
 * fails, the keys fetched before keep serving.
 */
final class RemoteJwks implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(RemoteJwks.class.getName());
    private static final int MAX_BYTES = 1 << 20;

    private record Fetched(VerificationKeys keys, long atNanos) {
    }

    private final URI url;
    private final OffLoopHttp http = new OffLoopHttp("jwks");
    private volatile Fetched current;
    private CompletableFuture<VerificationKeys> inFlight;
    private long lastAttemptNanos;
    private boolean attempted;

    RemoteJwks(URI url) {
        this.url = url;
    }

    /** The key source a configuration uses, with its own refresh settings. */
    KeySource source(RefreshSettings refresh) {
        if (current == null) {
            fetchIfDue(refresh); // warm up before the first token arrives
        }
        return header -> verifiersFor(header, refresh);
    }

    private CompletionStage<List<JWSVerifier>> verifiersFor(JWSHeader header, RefreshSettings refresh) {
        Fetched known = current;
        if (known == null) {
            CompletableFuture<VerificationKeys> fetch = fetchIfDue(refresh);
            if (fetch == null) {
                return CompletableFuture.failedFuture(unavailable());
            }
            return fetch.handle((keys, failure) -> {
                if (failure != null) {
                    throw unavailable();
                }
                return keys.verifiersFor(header);
            });
        }
        if (System.nanoTime() - known.atNanos() > refresh.cacheFor().toNanos()) {
            fetchIfDue(refresh); // stale: refreshed in the background, the known keys serve meanwhile
        }
        List<JWSVerifier> found = known.keys().verifiersFor(header);
        if (!found.isEmpty() || header.getKeyID() == null) {
            return CompletableFuture.completedFuture(found);
        }
        CompletableFuture<VerificationKeys> fetch = fetchIfDue(refresh);
        if (fetch == null) {
            return CompletableFuture.completedFuture(found);
        }
        return fetch.handle((keys, failure) -> (failure != null ? known.keys() : keys).verifiersFor(header));
    }

    /** The fetch under way, or a new one when the last began at least {@code minInterval} ago; else null. */
    private synchronized CompletableFuture<VerificationKeys> fetchIfDue(RefreshSettings refresh) {
        if (inFlight != null) {
            return inFlight;
        }
        long now = System.nanoTime();
        if (attempted && now - lastAttemptNanos < refresh.minInterval().toNanos()) {
            return null;
        }
        attempted = true;
        lastAttemptNanos = now;
        CompletableFuture<VerificationKeys> fetch = fetch(refresh);
        inFlight = fetch;
        fetch.whenComplete((keys, failure) -> settled(fetch, keys, failure));
        return fetch;
    }

    private CompletableFuture<VerificationKeys> fetch(RefreshSettings refresh) {
        HttpRequest request = HttpRequest.newBuilder(url).timeout(refresh.timeout())
                .header("accept", "application/json, application/jwk-set+json").GET().build();
        try {
            return http.send(request, MAX_BYTES, refresh.timeout()).thenApply(this::parse);
        } catch (RuntimeException e) { // the pool is closed: this URL's last configuration retired
            return CompletableFuture.failedFuture(e);
        }
    }

    private VerificationKeys parse(HttpResponse<byte[]> response) {
        if (response.statusCode() != 200) {
            throw new IllegalStateException("answered HTTP " + response.statusCode());
        }
        try {
            return VerificationKeys.of(JWKSet.parse(new String(response.body(), StandardCharsets.UTF_8)));
        } catch (java.text.ParseException e) {
            throw new IllegalStateException("answered with no JWK set: " + e.getMessage(), e);
        }
    }

    private void settled(CompletableFuture<VerificationKeys> fetch, VerificationKeys keys, Throwable failure) {
        if (keys != null) {
            current = new Fetched(keys, System.nanoTime());
        } else {
            LOG.log(Level.WARNING, "fetching the JWKS at " + url + " failed; "
                    + (current == null ? "no keys yet" : "the keys fetched before keep serving"), failure);
        }
        synchronized (this) {
            if (inFlight == fetch) {
                inFlight = null;
            }
        }
    }

    private GatewayException unavailable() {
        return new GatewayException(ErrorKind.UPSTREAM_UNAVAILABLE, "the token issuer's keys are unavailable",
                "no key set could be fetched from " + url + " yet", null);
    }

    @Override
    public void close() {
        http.close();
    }
}

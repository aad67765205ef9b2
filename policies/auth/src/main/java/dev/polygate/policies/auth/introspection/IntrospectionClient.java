package dev.polygate.policies.auth.introspection;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.benmanes.caffeine.cache.AsyncCache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import dev.polygate.policies.auth.jwt.OffLoopHttp;
import dev.polygate.spi.ErrorKind;
import dev.polygate.spi.GatewayException;
import java.io.IOException;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * Calls one introspection endpoint (RFC 7662) off the event loops and remembers its answers, kept across reloads (one
 * per endpoint and client id). Answers are cached by a hash of the token, never the token itself: active ones up to
 * {@code cacheFor} and never past the token's {@code exp}, inactive ones a few seconds; concurrent requests with
 * one token share one call; failures are not cached.
 */
final class IntrospectionClient implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int MAX_ANSWER_BYTES = 64 * 1024;
    private static final long MAX_CACHED = 100_000;

    private final OffLoopHttp http = new OffLoopHttp("introspection");
    private final AsyncCache<String, Introspected> answers = Caffeine.newBuilder()
            .maximumSize(MAX_CACHED)
            .expireAfter(Expiry.writing((String key, Introspected value) ->
                    Duration.ofNanos(Math.max(0, value.reuseUntil() - System.nanoTime()))))
            .buildAsync();

    /** What the server says of {@code token}; fails with a {@link GatewayException} when it cannot be asked. */
    CompletableFuture<Introspected> introspect(String token, IntrospectionSettings settings) {
        String key = hash(token);
        CompletableFuture<Introspected> answer = answers.get(key, (unused, executor) -> call(token, settings));
        if (answer.isCompletedExceptionally()) {
            // a failed call is dropped from the cache by a callback that may not have run yet: never reuse it
            answers.asMap().remove(key, answer);
            answer = answers.get(key, (unused, executor) -> call(token, settings));
        }
        return answer;
    }

    private CompletableFuture<Introspected> call(String token, IntrospectionSettings settings) {
        String credentials = encode(settings.clientId()) + ":" + encode(settings.clientSecret());
        HttpRequest request = HttpRequest.newBuilder(settings.url())
                .timeout(settings.timeout())
                .header("content-type", "application/x-www-form-urlencoded")
                .header("accept", "application/json")
                .header("authorization", "Basic " + Base64.getEncoder().encodeToString(
                        credentials.getBytes(StandardCharsets.UTF_8)))
                .POST(HttpRequest.BodyPublishers.ofString("token=" + encode(token) + "&token_type_hint=access_token"))
                .build();
        try {
            return http.send(request, MAX_ANSWER_BYTES, settings.timeout())
                    .handle((response, failure) -> answer(response, failure, settings));
        } catch (RuntimeException e) { // the pool is closed: this endpoint's last configuration retired
            return CompletableFuture.failedFuture(failed(ErrorKind.UPSTREAM_UNAVAILABLE, settings, "closed", e));
        }
    }

    private static Introspected answer(HttpResponse<byte[]> response, Throwable failure,
                                       IntrospectionSettings settings) {
        if (failure != null) {
            Throwable cause = failure instanceof CompletionException && failure.getCause() != null
                    ? failure.getCause() : failure;
            throw failed(ErrorKind.UPSTREAM_UNAVAILABLE, settings, "unreachable", cause);
        }
        if (response.statusCode() != 200) {
            throw failed(response.statusCode() >= 500 ? ErrorKind.UPSTREAM_UNAVAILABLE : ErrorKind.UPSTREAM_PROTOCOL,
                    settings, "answered HTTP " + response.statusCode(), null);
        }
        JsonNode body;
        try {
            body = JSON.readTree(response.body());
        } catch (IOException e) {
            throw failed(ErrorKind.UPSTREAM_PROTOCOL, settings, "answered with no JSON", e);
        }
        if (body == null || !body.path("active").isBoolean()) {
            throw failed(ErrorKind.UPSTREAM_PROTOCOL, settings, "answered without an active member", null);
        }
        long now = System.nanoTime();
        if (!body.get("active").booleanValue()) {
            return inactive(now, settings);
        }
        Duration reuse = settings.cacheFor();
        JsonNode expiry = body.get("exp");
        if (expiry != null && expiry.canConvertToLong()) {
            long left = expiry.asLong() - System.currentTimeMillis() / 1000;
            if (left <= 0) {
                return inactive(now, settings);
            }
            reuse = reuse.compareTo(Duration.ofSeconds(left)) < 0 ? reuse : Duration.ofSeconds(left);
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> claims = JSON.convertValue(body, Map.class);
        return new Introspected(true, claims, now + reuse.toNanos());
    }

    private static Introspected inactive(long now, IntrospectionSettings settings) {
        Duration reuse = settings.cacheFor().compareTo(IntrospectionSettings.INACTIVE_CACHE) < 0
                ? settings.cacheFor() : IntrospectionSettings.INACTIVE_CACHE;
        return new Introspected(false, Map.of(), now + reuse.toNanos());
    }

    private static GatewayException failed(ErrorKind kind, IntrospectionSettings settings, String what,
                                           Throwable cause) {
        return new GatewayException(kind, kind == ErrorKind.UPSTREAM_UNAVAILABLE
                ? "the token introspection service is unavailable"
                : "the token introspection service gave an unusable answer",
                "token introspection at " + settings.url() + " " + what, cause);
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }

    private static String hash(String token) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }

    @Override
    public void close() {
        http.close();
    }
}

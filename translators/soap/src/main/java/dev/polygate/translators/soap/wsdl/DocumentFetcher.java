package dev.polygate.translators.soap.wsdl;

import dev.polygate.spi.BoundedResponseBody;
import dev.polygate.spi.ConfigException;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.w3c.dom.Document;

/**
 * Reads the documents of one WSDL import: local files and http(s) URLs only, each at most {@link #maxBytes}, all of
 * them within one deadline, every one checked by {@link HardenedXmlParser}. Each document is read once however often
 * it is imported, which also keeps cyclic imports from fetching forever. Not thread-safe: one instance per import.
 */
final class DocumentFetcher {
    /** One fetched, checked document. {@code uri} is where it was finally read from (after redirects). */
    record Fetched(URI uri, byte[] bytes, Document document) {
    }

    private final long deadlineNanos;
    private final Duration timeout;
    private final long maxBytes;
    private final HardenedXmlParser parser = new HardenedXmlParser();
    private final Map<URI, Fetched> cache = new HashMap<>();
    private HttpClient http;

    DocumentFetcher(Duration timeout, long maxBytes) {
        this.timeout = timeout;
        this.deadlineNanos = System.nanoTime() + timeout.toNanos();
        this.maxBytes = maxBytes;
    }

    /** {@code location} resolved against {@code base} (null for the first document), without its fragment. */
    static URI resolve(URI base, String location) throws ConfigException {
        URI relative;
        try {
            relative = new URI(location.trim().replace(" ", "%20").replace('\\', '/'));
        } catch (java.net.URISyntaxException e) {
            throw new ConfigException("", (base == null ? "" : base + ": ") + "invalid location '" + location + "'");
        }
        URI resolved = base == null ? relative : base.resolve(relative);
        try {
            return new URI(resolved.getScheme(), resolved.getSchemeSpecificPart(), null);
        } catch (java.net.URISyntaxException e) {
            return resolved;
        }
    }

    /** The document at an absolute {@code uri}, fetched and parsed, or the copy already read. */
    Fetched fetch(URI uri) throws ConfigException {
        Fetched known = cache.get(uri);
        if (known != null) {
            return known;
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(java.util.Locale.ROOT);
        Fetched fetched = switch (scheme) {
            case "file" -> readFile(uri);
            case "http", "https" -> download(uri);
            default -> throw new ConfigException("", uri + ": unsupported location; only files and http(s) URLs");
        };
        cache.put(uri, fetched);
        cache.putIfAbsent(fetched.uri(), fetched);
        return fetched;
    }

    /** A document read earlier, by the URI it was requested or finally read from; null when never read. */
    Fetched known(URI uri) {
        return cache.get(uri);
    }

    private Fetched readFile(URI uri) throws ConfigException {
        Path path;
        try {
            path = Path.of(uri);
        } catch (IllegalArgumentException e) {
            throw new ConfigException("", uri + ": not a local file location");
        }
        try {
            if (Files.size(path) > maxBytes) {
                throw tooLarge(uri);
            }
            try (InputStream in = Files.newInputStream(path)) {
                byte[] bytes = in.readNBytes((int) maxBytes + 1);
                if (bytes.length > maxBytes) {
                    throw tooLarge(uri);
                }
                return new Fetched(uri, bytes, parser.parse(uri, bytes));
            }
        } catch (NoSuchFileException e) {
            throw new ConfigException("", uri + ": no such file");
        } catch (IOException e) {
            throw new ConfigException("", uri + ": cannot be read: " + e.getMessage());
        }
    }

    private Fetched download(URI uri) throws ConfigException {
        long remaining = deadlineNanos - System.nanoTime();
        if (remaining <= 0) {
            throw timedOut(uri);
        }
        if (http == null) {
            http = HttpClient.newBuilder()
                    .connectTimeout(timeout)
                    .followRedirects(HttpClient.Redirect.NORMAL)
                    .build();
        }
        HttpRequest request = HttpRequest.newBuilder(uri)
                .timeout(Duration.ofNanos(remaining))
                .header("Accept", "text/xml, application/xml, application/wsdl+xml, */*;q=0.5")
                .GET()
                .build();
        CompletableFuture<HttpResponse<byte[]>> call =
                http.sendAsync(request, BoundedResponseBody.atMost(maxBytes));
        HttpResponse<byte[]> response;
        try {
            // the request timeout stops at the response head; this bounds the body too
            response = call.get(remaining, TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            call.cancel(true);
            throw timedOut(uri);
        } catch (InterruptedException e) {
            call.cancel(true);
            Thread.currentThread().interrupt();
            throw new ConfigException("", uri + ": interrupted while fetching");
        } catch (ExecutionException e) {
            throw downloadFailed(uri, e.getCause());
        }
        if (response.statusCode() != 200) {
            throw new ConfigException("", uri + ": HTTP " + response.statusCode()
                    + (response.statusCode() == 404 ? " (not found)" : "") + "; expected 200 with the document");
        }
        URI finalUri = response.uri();
        return new Fetched(finalUri, response.body(), parser.parse(finalUri, response.body()));
    }

    private ConfigException downloadFailed(URI uri, Throwable cause) {
        if (cause instanceof BoundedResponseBody.TooLarge) {
            return tooLarge(uri);
        }
        if (cause instanceof java.net.http.HttpTimeoutException) {
            return timedOut(uri);
        }
        if (cause instanceof java.net.ConnectException) {
            return new ConfigException("", uri + ": connection refused or unreachable");
        }
        return new ConfigException("", uri + ": cannot be fetched: " + cause);
    }

    private ConfigException timedOut(URI uri) {
        return new ConfigException("", uri + ": timed out; the whole WSDL, imports included, must load within "
                + timeout.toMillis() + " ms");
    }

    private ConfigException tooLarge(URI uri) {
        return new ConfigException("", uri + ": larger than the limit of " + maxBytes + " bytes per document");
    }
}

package dev.polygate.edge.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** HEAD set beside GET on one URI, sent by a real client: what a HEAD must answer (RFC 9110 9.3.2). */
public final class HeadChecks {
    private static final Duration TIMEOUT = Duration.ofSeconds(20);

    private HeadChecks() {
    }

    /** The same protocol, status, content type and content length (or none) as GET, and no body. */
    public static void assertHeadAnswersLikeGet(HttpClient client, URI uri) throws Exception {
        HttpResponse<String> get = send(client, "GET", uri);
        HttpResponse<String> head = send(client, "HEAD", uri);
        assertThat(head.version()).as(uri.toString()).isEqualTo(get.version());
        assertThat(head.statusCode()).as("HEAD " + uri + ", where GET answered " + get.body())
                .isEqualTo(get.statusCode());
        assertThat(head.headers().firstValue("content-type")).as(uri.toString())
                .isEqualTo(get.headers().firstValue("content-type"));
        assertThat(head.headers().firstValue("content-length")).as(uri.toString())
                .isEqualTo(get.headers().firstValue("content-length"));
        assertThat(head.body()).as(uri.toString()).isEmpty();
    }

    private static HttpResponse<String> send(HttpClient client, String method, URI uri) throws Exception {
        return client.send(HttpRequest.newBuilder(uri).timeout(TIMEOUT)
                .method(method, HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
    }
}

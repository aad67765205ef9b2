package dev.polygate.translators.http;

import io.netty.handler.codec.http.HttpHeaders;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/** What a test backend saw of one request. The body is counted, never kept. */
final class RecordedRequest {
    final String method;
    final String uri;
    final HttpHeaders headers;
    final String protocol;
    final String connectionId;
    final CompletableFuture<Long> bodyBytes = new CompletableFuture<>();
    volatile HttpHeaders trailers;

    RecordedRequest(String method, String uri, HttpHeaders headers, String protocol, String connectionId) {
        this.method = method;
        this.uri = uri;
        this.headers = headers;
        this.protocol = protocol;
        this.connectionId = connectionId;
    }

    long awaitBodyBytes() throws Exception {
        return bodyBytes.get(30, TimeUnit.SECONDS);
    }

    @Override
    public String toString() {
        return method + " " + uri + " " + protocol;
    }
}

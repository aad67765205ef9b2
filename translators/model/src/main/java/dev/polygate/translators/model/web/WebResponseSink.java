package dev.polygate.translators.model.web;

import dev.polygate.spi.GatewayException;
import dev.polygate.spi.ResponseHead;
import dev.polygate.spi.ResponseSink;
import dev.polygate.translators.model.wire.GrpcHeaders;
import dev.polygate.translators.model.wire.GrpcStatus;
import dev.polygate.translators.model.wire.GrpcStatusCode;
import io.netty.buffer.ByteBuf;
import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

/**
 * The sink the gRPC backend answers into: turns a native gRPC response into gRPC-Web. Messages pass
 * through as they come (base64 per chunk in text mode); the trailers become the body's last frame.
 * Writability is the client's, so the backend stops reading when the client cannot keep up.
 */
final class WebResponseSink implements ResponseSink {
    /** Backend headers that describe the native gRPC response or its hop, not the call's metadata. */
    private static final Set<String> NOT_COPIED = Set.of("content-type", "content-length", "te", "trailer",
            "transfer-encoding", "grpc-status", "grpc-message", "grpc-status-details-bin");

    private final ResponseSink client;
    private final WebAnswer answer;
    /** Fresh response headers for the client: content type and CORS. */
    private final Supplier<HttpHeaders> baseHeaders;
    private boolean backendHeadSeen;
    private boolean backendDone;
    /** The client's response is complete (or the client went away): whatever else comes is dropped. */
    private boolean finished;
    /** The status of a trailers-only answer, which came in the head. */
    private GrpcStatus headStatus;

    WebResponseSink(ResponseSink client, boolean text, Supplier<HttpHeaders> baseHeaders) {
        this.client = client;
        this.answer = new WebAnswer(client, text);
        this.baseHeaders = baseHeaders;
    }

    @Override
    public void sendHead(ResponseHead head) {
        if (backendHeadSeen || backendDone) {
            return;
        }
        backendHeadSeen = true;
        if (finished) {
            return;
        }
        HttpHeaders headers = head.headers();
        String contentType = headers.get(HttpHeaderNames.CONTENT_TYPE);
        if (head.status() != 200 || !GrpcHeaders.isGrpcContentType(contentType)) {
            // Not a gRPC answer (a proxy's error page, a wrong route): the rest of it is dropped.
            GrpcStatusCode code = head.status() == 200 ? GrpcStatusCode.UNKNOWN
                    : GrpcStatusCode.fromHttpStatus(head.status());
            fail(new GrpcStatus(code, "the backend answered HTTP " + head.status() + " with "
                    + (contentType == null ? "no content type" : contentType) + " instead of gRPC", null));
            return;
        }
        HttpHeaders out = baseHeaders.get();
        for (Map.Entry<String, String> entry : headers) {
            String name = entry.getKey().toLowerCase(Locale.ROOT);
            if (!name.startsWith(":") && !NOT_COPIED.contains(name)) {
                out.add(name, entry.getValue());
            }
        }
        if (headers.contains(GrpcHeaders.GRPC_STATUS)) {
            headStatus = GrpcStatus.fromTrailers(headers);
            headStatus.writeTo(out);
        }
        client.sendHead(new ResponseHead(200, out));
    }

    @Override
    public void sendData(ByteBuf chunk) {
        if (finished || backendDone || headStatus != null) {
            // After a trailers-only head there is no body in gRPC; anything else is dropped with it.
            chunk.release();
            return;
        }
        answer.data(chunk);
    }

    @Override
    public void sendEnd(HttpHeaders trailers) {
        if (backendDone) {
            return;
        }
        backendDone = true;
        if (finished) {
            return;
        }
        finished = true;
        boolean hasStatus = trailers != null && trailers.contains(GrpcHeaders.GRPC_STATUS);
        GrpcStatus status = hasStatus || headStatus == null
                ? GrpcStatus.fromTrailers(trailers == null ? new DefaultHttpHeaders() : trailers)
                : headStatus;
        HttpHeaders block = new DefaultHttpHeaders();
        status.writeTo(block);
        if (trailers != null) {
            for (Map.Entry<String, String> entry : trailers) {
                String name = entry.getKey().toLowerCase(Locale.ROOT);
                if (!name.startsWith(":") && !NOT_COPIED.contains(name)) {
                    block.add(name, entry.getValue());
                }
            }
        }
        answer.end(block);
    }

    @Override
    public void sendError(GatewayException error) {
        if (backendDone) {
            return;
        }
        backendDone = true;
        fail(GrpcStatus.of(error));
    }

    /** Ends the client's call with {@code status} unless it has ended already. */
    void fail(GrpcStatus status) {
        if (!finished) {
            finished = true;
            answer.error(200, baseHeaders.get(), status);
        }
    }

    /** The client went away: nothing more is sent to it. */
    void clientGone() {
        finished = true;
    }

    @Override
    public boolean isWritable() {
        return client.isWritable();
    }

    @Override
    public void onWritabilityChanged(Runnable listener) {
        client.onWritabilityChanged(listener);
    }

    @Override
    public boolean isHeadSent() {
        return backendHeadSeen;
    }

    @Override
    public boolean isDone() {
        return backendDone || finished;
    }
}

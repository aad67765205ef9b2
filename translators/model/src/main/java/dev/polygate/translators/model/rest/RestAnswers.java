package dev.polygate.translators.model.rest;

import dev.polygate.spi.ResponseHead;
import dev.polygate.spi.ResponseSink;
import dev.polygate.translators.model.wire.GrpcStatus;
import dev.polygate.translators.model.wire.GrpcStatusCode;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.EmptyHttpHeaders;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import java.util.Set;
import java.util.TreeSet;

/** Whole REST answers: a JSON document with a status, or an error as its {@link ErrorRenderer} writes it. */
final class RestAnswers {
    private RestAnswers() {
    }

    static void json(ResponseSink sink, int status, HttpHeaders headers, byte[] body) {
        body(sink, status, "application/json", headers, body);
    }

    private static void body(ResponseSink sink, int status, String contentType, HttpHeaders headers, byte[] body) {
        headers.set(HttpHeaderNames.CONTENT_TYPE, contentType);
        headers.setInt(HttpHeaderNames.CONTENT_LENGTH, body.length);
        sink.sendHead(new ResponseHead(status, headers));
        sink.sendData(Unpooled.wrappedBuffer(body));
        sink.sendEnd(EmptyHttpHeaders.INSTANCE);
    }

    static void status(ResponseSink sink, GrpcStatus status, ErrorRenderer errors) {
        status(sink, status, new DefaultHttpHeaders(), errors);
    }

    static void status(ResponseSink sink, GrpcStatus status, HttpHeaders headers, ErrorRenderer errors) {
        status(sink, status.code().httpStatus(), status, headers, errors);
    }

    /** A status under an HTTP status of the caller's choosing, for the gateway's own errors; the renderer has the last word. */
    static void status(ResponseSink sink, int httpStatus, GrpcStatus status, HttpHeaders headers, ErrorRenderer errors) {
        if (sink.isDone()) {
            return;
        }
        headers.set(HttpHeaderNames.CACHE_CONTROL, "no-store");
        ErrorRenderer.Rendered rendered = errors.render(status, httpStatus);
        body(sink, rendered.httpStatus(), rendered.contentType(), headers, rendered.body());
    }

    static void methodNotAllowed(ResponseSink sink, Set<String> allowed, ErrorRenderer errors) {
        HttpHeaders headers = new DefaultHttpHeaders();
        headers.set(HttpHeaderNames.ALLOW, String.join(", ", new TreeSet<>(allowed)));
        status(sink, 405, new GrpcStatus(GrpcStatusCode.UNIMPLEMENTED,
                "this path is bound to " + String.join(", ", new TreeSet<>(allowed)) + " only", null), headers, errors);
    }
}

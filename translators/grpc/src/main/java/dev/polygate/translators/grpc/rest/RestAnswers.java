package dev.polygate.translators.grpc.rest;

import com.google.protobuf.TypeRegistry;
import dev.polygate.spi.ResponseHead;
import dev.polygate.spi.ResponseSink;
import dev.polygate.translators.grpc.wire.GrpcStatus;
import dev.polygate.translators.grpc.wire.GrpcStatusCode;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.EmptyHttpHeaders;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import java.util.Set;
import java.util.TreeSet;

/** Whole REST answers: a JSON document with a status, or an error as {@code google.rpc.Status} JSON. */
final class RestAnswers {
    private RestAnswers() {
    }

    static void json(ResponseSink sink, int status, HttpHeaders headers, byte[] body) {
        headers.set(HttpHeaderNames.CONTENT_TYPE, "application/json");
        headers.setInt(HttpHeaderNames.CONTENT_LENGTH, body.length);
        sink.sendHead(new ResponseHead(status, headers));
        sink.sendData(Unpooled.wrappedBuffer(body));
        sink.sendEnd(EmptyHttpHeaders.INSTANCE);
    }

    static void status(ResponseSink sink, GrpcStatus status, TypeRegistry types) {
        status(sink, status, new DefaultHttpHeaders(), types);
    }

    static void status(ResponseSink sink, GrpcStatus status, HttpHeaders headers, TypeRegistry types) {
        status(sink, status.code().httpStatus(), status, headers, types);
    }

    /** A status under an HTTP status of the caller's choosing, for the gateway's own errors. */
    static void status(ResponseSink sink, int httpStatus, GrpcStatus status, HttpHeaders headers, TypeRegistry types) {
        if (sink.isDone()) {
            return;
        }
        headers.set(HttpHeaderNames.CACHE_CONTROL, "no-store");
        json(sink, httpStatus, headers, StatusJson.render(status, types));
    }

    static void methodNotAllowed(ResponseSink sink, Set<String> allowed, TypeRegistry types) {
        HttpHeaders headers = new DefaultHttpHeaders();
        headers.set(HttpHeaderNames.ALLOW, String.join(", ", new TreeSet<>(allowed)));
        byte[] body = StatusJson.render(new GrpcStatus(GrpcStatusCode.UNIMPLEMENTED,
                "this path is bound to " + String.join(", ", new TreeSet<>(allowed)) + " only", null), types);
        json(sink, 405, headers, body);
    }
}

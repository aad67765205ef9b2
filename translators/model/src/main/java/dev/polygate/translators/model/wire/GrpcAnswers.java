package dev.polygate.translators.model.wire;

import dev.polygate.spi.ResponseHead;
import dev.polygate.spi.ResponseSink;
import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.EmptyHttpHeaders;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;

/** The ways a gRPC answer the gateway writes itself begins and ends, in one place for every gRPC server side. */
public final class GrpcAnswers {
    private GrpcAnswers() {
    }

    /** Sends the 200 {@code application/grpc} head unless it went out already. */
    public static void startIfNeeded(ResponseSink sink) {
        if (!sink.isHeadSent()) {
            HttpHeaders headers = new DefaultHttpHeaders().set(HttpHeaderNames.CONTENT_TYPE, GrpcHeaders.APPLICATION_GRPC);
            sink.sendHead(new ResponseHead(200, headers));
        }
    }

    /** Ends the call with {@code status} in trailers, after a head if none was sent; nothing once the sink is done. */
    public static void end(ResponseSink sink, GrpcStatus status) {
        if (sink.isDone()) {
            return;
        }
        startIfNeeded(sink);
        HttpHeaders trailers = new DefaultHttpHeaders();
        status.writeTo(trailers);
        sink.sendEnd(trailers);
    }

    /**
     * The status in the head, ended at once: the edge writes both in one HEADERS frame with END_STREAM, the
     * form gRPC clients expect when no message was sent.
     */
    public static void trailersOnly(ResponseSink sink, int httpStatus, HttpHeaders metadata, GrpcStatus status) {
        HttpHeaders head = new DefaultHttpHeaders();
        head.set(HttpHeaderNames.CONTENT_TYPE, GrpcHeaders.APPLICATION_GRPC);
        GrpcHeaders.copyMetadata(metadata, head);
        status.writeTo(head);
        sink.sendHead(new ResponseHead(httpStatus, head));
        sink.sendEnd(EmptyHttpHeaders.INSTANCE);
    }
}

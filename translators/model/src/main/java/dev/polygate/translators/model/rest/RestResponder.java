package dev.polygate.translators.model.rest;

import com.google.protobuf.Message;
import dev.polygate.spi.Exchange;
import dev.polygate.spi.GatewayException;
import dev.polygate.spi.ResponseHead;
import dev.polygate.spi.ResponseSink;
import dev.polygate.translators.model.transcoding.RuleMatch;
import dev.polygate.translators.model.wire.GrpcHeaders;
import dev.polygate.translators.model.wire.GrpcStatus;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.EmptyHttpHeaders;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * Renders a call's answer for a REST client. A unary method answers one JSON document once the status is
 * known; a server-streaming method answers newline-delimited JSON, or Server-Sent Events when the client
 * accepts {@code text/event-stream}, writing each message as it arrives. Once a stream has started its
 * HTTP status is committed, so a later error travels as a last line or event.
 */
final class RestResponder {
    private final ResponseSink sink;
    private final RuleMatch match;
    private final RestIngress.Transcoding transcoding;
    private final StreamFormat format;
    private final ErrorRenderer errors;
    private final HttpHeaders responseHeaders = new DefaultHttpHeaders();
    private byte[] unaryAnswer;

    enum StreamFormat { NONE, NDJSON, SSE }

    private RestResponder(ResponseSink sink, RuleMatch match, RestIngress.Transcoding transcoding, StreamFormat format,
                          ErrorRenderer errors) {
        this.sink = sink;
        this.errors = errors;
        this.match = match;
        this.transcoding = transcoding;
        this.format = format;
    }

    static RestResponder forCall(Exchange exchange, RuleMatch match, RestIngress.Transcoding transcoding,
                                 ErrorRenderer errors) {
        StreamFormat format = StreamFormat.NONE;
        if (match.method().isServerStreaming()) {
            String accept = exchange.request().headers().get(HttpHeaderNames.ACCEPT);
            format = accept != null && accept.contains("text/event-stream") ? StreamFormat.SSE : StreamFormat.NDJSON;
        }
        return new RestResponder(exchange.response(), match, transcoding, format, errors);
    }

    void headers(HttpHeaders backendHeaders) {
        copyMetadata(backendHeaders, responseHeaders);
    }

    /** One response message; a conversion failure is thrown for the call to end with. */
    void message(byte[] protobuf) throws GatewayException {
        if (format == StreamFormat.NONE) {
            unaryAnswer = transcoding.responses().response(match, protobuf);
        } else {
            streamLine(transcoding.responses().responseLine(match, protobuf));
        }
    }

    /** As {@link #message(byte[])}, for a message the backend connector built itself. */
    void message(Message message) throws GatewayException {
        if (format == StreamFormat.NONE) {
            unaryAnswer = transcoding.responses().response(match, message);
        } else {
            streamLine(transcoding.responses().responseLine(match, message));
        }
    }

    private void streamLine(byte[] json) {
        if (!sink.isHeadSent()) {
            responseHeaders.set(HttpHeaderNames.CONTENT_TYPE,
                    format == StreamFormat.SSE ? "text/event-stream" : "application/x-ndjson");
            responseHeaders.set(HttpHeaderNames.CACHE_CONTROL, "no-store");
            sink.sendHead(new ResponseHead(200, responseHeaders));
        }
        sink.sendData(Unpooled.wrappedBuffer(frameLine(json, false)));
    }

    void close(GrpcStatus status, HttpHeaders trailers) {
        if (sink.isDone()) {
            return;
        }
        if (!sink.isHeadSent()) {
            copyMetadata(trailers, responseHeaders);
            if (!status.isOk()) {
                RestAnswers.status(sink, status, responseHeaders, errors);
            } else if (format == StreamFormat.NONE) {
                if (unaryAnswer == null) {
                    RestAnswers.status(sink, new GrpcStatus(dev.polygate.translators.model.wire.GrpcStatusCode.INTERNAL,
                            "the backend ended a unary call without a response message", null), errors);
                } else {
                    RestAnswers.json(sink, match.binding().successStatus(), responseHeaders, unaryAnswer);
                }
            } else {
                // A stream with no messages: an empty body of the stream's type.
                responseHeaders.set(HttpHeaderNames.CONTENT_TYPE,
                        format == StreamFormat.SSE ? "text/event-stream" : "application/x-ndjson");
                responseHeaders.setInt(HttpHeaderNames.CONTENT_LENGTH, 0);
                sink.sendHead(new ResponseHead(200, responseHeaders));
                sink.sendEnd(EmptyHttpHeaders.INSTANCE);
            }
            return;
        }
        if (!status.isOk()) {
            byte[] error = ("{\"error\":" + new String(errors.render(status, status.code().httpStatus()).body(),
                    StandardCharsets.UTF_8) + "}").getBytes(StandardCharsets.UTF_8);
            sink.sendData(Unpooled.wrappedBuffer(frameLine(error, true)));
        }
        // A stream's trailing metadata can only follow it as HTTP trailers (chunked HTTP/1.1 or HTTP/2).
        HttpHeaders trailing = new DefaultHttpHeaders();
        copyMetadata(trailers, trailing);
        sink.sendEnd(trailing);
    }

    /**
     * Ends the call with the gateway's own error. Before the head it keeps the error kind's HTTP status (a body
     * past the limit is 413, not the 429 of its gRPC code RESOURCE_EXHAUSTED); after it, the error travels in
     * the stream like a backend's.
     */
    void fail(GatewayException error) {
        if (sink.isDone()) {
            return;
        }
        GrpcStatus status = GrpcStatus.of(error);
        if (sink.isHeadSent()) {
            close(status, EmptyHttpHeaders.INSTANCE);
        } else {
            RestAnswers.status(sink, error.kind().httpStatus(), status, responseHeaders, errors);
        }
    }

    private byte[] frameLine(byte[] json, boolean error) {
        if (format == StreamFormat.SSE) {
            byte[] prefix = (error ? "event: error\ndata: " : "data: ").getBytes(StandardCharsets.US_ASCII);
            byte[] line = new byte[prefix.length + json.length + 2];
            System.arraycopy(prefix, 0, line, 0, prefix.length);
            System.arraycopy(json, 0, line, prefix.length, json.length);
            line[line.length - 2] = '\n';
            line[line.length - 1] = '\n';
            return line;
        }
        byte[] line = new byte[json.length + 1];
        System.arraycopy(json, 0, line, 0, json.length);
        line[json.length] = '\n';
        return line;
    }

    private static void copyMetadata(HttpHeaders from, HttpHeaders to) {
        for (Map.Entry<String, String> header : from) {
            String name = header.getKey().toLowerCase(java.util.Locale.ROOT);
            if (!GrpcHeaders.isReserved(name) && !name.endsWith("-bin")) {
                to.add(name, header.getValue());
            }
        }
    }
}

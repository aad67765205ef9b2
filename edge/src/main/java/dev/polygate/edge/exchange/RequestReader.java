package dev.polygate.edge.exchange;

import dev.polygate.edge.routing.PathNormalizer;
import dev.polygate.spi.ErrorKind;
import dev.polygate.spi.GatewayException;
import dev.polygate.spi.HopByHopHeaders;
import dev.polygate.spi.RequestHead;
import io.netty.handler.codec.TooLongFrameException;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.TooLongHttpHeaderException;
import io.netty.handler.codec.http.TooLongHttpLineException;
import java.util.List;

/** Turns a decoded request into a validated {@link RequestHead}, or says precisely what is wrong with it. */
final class RequestReader {
    private RequestReader() {
    }

    /** The error for a request the codec could not decode. */
    static GatewayException decodeFailure(Throwable cause) {
        if (cause instanceof TooLongHttpHeaderException) {
            return new GatewayException(ErrorKind.HEADERS_TOO_LARGE, "request headers exceed the gateway's limit");
        }
        if (cause instanceof TooLongHttpLineException) {
            return new GatewayException(ErrorKind.URI_TOO_LONG, "request line exceeds the gateway's limit");
        }
        if (cause instanceof TooLongFrameException) {
            return new GatewayException(ErrorKind.HEADERS_TOO_LARGE, "request head exceeds the gateway's limit");
        }
        String reason = cause == null || cause.getMessage() == null ? "unreadable request" : cause.getMessage();
        if (reason.length() > 200) {
            reason = reason.substring(0, 200);
        }
        return new GatewayException(ErrorKind.BAD_REQUEST, "malformed request: " + reason);
    }

    /**
     * Validates the request and builds its head; headers are stripped of hop-by-hop fields in place.
     *
     * @param http2 the request arrived on an HTTP/2 stream
     */
    static RequestHead read(HttpRequest request, boolean http2, String scheme, long maxBody) {
        HttpHeaders headers = request.headers();
        if (!http2) {
            checkFraming(request);
        }
        String target = request.uri();
        String authority = null;
        if (target.startsWith("http://") || target.startsWith("https://")) {
            int start = target.indexOf("//") + 2;
            int slash = target.indexOf('/', start);
            authority = slash < 0 ? target.substring(start) : target.substring(start, slash);
            target = slash < 0 ? "/" : target.substring(slash);
        }
        List<String> hosts = headers.getAll(HttpHeaderNames.HOST);
        if (hosts.size() > 1) {
            throw new GatewayException(ErrorKind.BAD_REQUEST, "more than one Host header");
        }
        if (authority == null) {
            authority = hosts.isEmpty() ? null : hosts.get(0);
        }
        if ((authority == null || authority.isEmpty()) && request.protocolVersion() != HttpVersion.HTTP_1_0) {
            throw new GatewayException(ErrorKind.BAD_REQUEST, http2 ? "missing :authority" : "missing Host header");
        }
        if (authority == null) {
            authority = "";
        }
        int q = target.indexOf('?');
        String rawPath = q < 0 ? target : target.substring(0, q);
        String query = q < 0 ? null : target.substring(q + 1);
        String path = PathNormalizer.normalize(rawPath);
        if (maxBody > 0 && HttpUtil.getContentLength(request, -1L) > maxBody) {
            throw new GatewayException(ErrorKind.PAYLOAD_TOO_LARGE,
                    "request body of " + HttpUtil.getContentLength(request, -1L) + " bytes exceeds the limit of " + maxBody);
        }
        HopByHopHeaders.strip(headers);
        headers.remove(HttpHeaderNames.HOST);
        headers.remove(HttpHeaderNames.EXPECT);
        String upstreamPath = query == null ? path : path + "?" + query;
        return new RequestHead(request.method().name(), upstreamPath, path, authority, scheme, headers);
    }

    /** Refuses HTTP/1.1 framing that proxies disagree about: the root of request smuggling. */
    private static void checkFraming(HttpRequest request) {
        HttpHeaders headers = request.headers();
        List<String> encodings = headers.getAll(HttpHeaderNames.TRANSFER_ENCODING);
        if (!encodings.isEmpty()) {
            if (encodings.size() > 1 || !encodings.get(0).trim().equalsIgnoreCase("chunked")) {
                throw new GatewayException(ErrorKind.BAD_REQUEST,
                        "unsupported Transfer-Encoding '" + String.join(", ", encodings) + "'; only chunked is accepted");
            }
            if (headers.contains(HttpHeaderNames.CONTENT_LENGTH)) {
                throw new GatewayException(ErrorKind.BAD_REQUEST, "request has both Content-Length and Transfer-Encoding");
            }
        }
    }
}

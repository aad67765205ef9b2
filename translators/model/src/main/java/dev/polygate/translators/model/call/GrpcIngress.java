package dev.polygate.translators.model.call;

import com.google.protobuf.Descriptors;
import dev.polygate.spi.Exchange;
import dev.polygate.translators.model.wire.GrpcAnswers;
import dev.polygate.translators.model.wire.GrpcHeaders;
import dev.polygate.translators.model.wire.GrpcStatus;
import dev.polygate.translators.model.wire.GrpcStatusCode;
import dev.polygate.translators.model.wire.GrpcTimeout;
import io.netty.handler.codec.http.EmptyHttpHeaders;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpResponseStatus;
import java.time.Duration;
import java.util.Locale;
import java.util.OptionalLong;
import java.util.function.Function;

/**
 * The server side of native gRPC over any {@link MessageCall}: request frames are cut into messages and
 * handed to a call opened with the client's metadata, and the call's messages and status go back as gRPC
 * frames and trailers. This is how a backend that does not speak gRPC (SOAP) is reached by gRPC clients, and,
 * behind a gRPC-Web ingress, by gRPC-Web clients too. Messages are passed on as bytes, never decoded.
 */
public final class GrpcIngress {
    private final Function<String, Descriptors.MethodDescriptor> methods;
    private final CallOpener opener;
    private final int maxMessageBytes;
    private final long defaultTimeoutNanos;

    /**
     * @param methods         the method for a request path {@code /package.Service/Method}, or null when unknown
     * @param opener          opens the call to the backend
     * @param maxMessageBytes the largest request message accepted (RESOURCE_EXHAUSTED past it)
     * @param defaultTimeout  the route's deadline, which also caps the client's; zero for none
     */
    public GrpcIngress(Function<String, Descriptors.MethodDescriptor> methods, CallOpener opener, int maxMessageBytes,
                       Duration defaultTimeout) {
        this.methods = methods;
        this.opener = opener;
        this.maxMessageBytes = maxMessageBytes;
        this.defaultTimeoutNanos = defaultTimeout == null || defaultTimeout.isZero() ? 0 : defaultTimeout.toNanos();
    }

    public void handle(Exchange exchange) {
        HttpHeaders headers = exchange.request().headers();
        String contentType = headers.get(HttpHeaderNames.CONTENT_TYPE);
        if (!isProtoContentType(contentType)) {
            // The gRPC spec asks for 415 here, so that a non-gRPC client sees an HTTP error it understands.
            reject(exchange, HttpResponseStatus.UNSUPPORTED_MEDIA_TYPE.code(), new GrpcStatus(GrpcStatusCode.INTERNAL,
                    "content-type " + contentType + " is not application/grpc or application/grpc+proto", null));
            return;
        }
        if (!"POST".equals(exchange.request().method())) {
            reject(exchange, HttpResponseStatus.METHOD_NOT_ALLOWED.code(),
                    new GrpcStatus(GrpcStatusCode.INTERNAL, "gRPC calls use POST", null));
            return;
        }
        String encoding = headers.get(GrpcHeaders.GRPC_ENCODING);
        if (encoding != null && !"identity".equalsIgnoreCase(encoding.trim())) {
            reject(exchange, 200, new GrpcStatus(GrpcStatusCode.UNIMPLEMENTED,
                    "grpc-encoding " + encoding + " is not supported; use identity", null));
            return;
        }
        String path = exchange.request().path();
        int query = path.indexOf('?');
        Descriptors.MethodDescriptor method = methods.apply(query < 0 ? path : path.substring(0, query));
        if (method == null) {
            reject(exchange, 200, new GrpcStatus(GrpcStatusCode.UNIMPLEMENTED, "unknown method " + path, null));
            return;
        }
        long timeoutNanos = timeoutNanos(headers.get(GrpcHeaders.GRPC_TIMEOUT));
        if (timeoutNanos < 0) {
            reject(exchange, 200, new GrpcStatus(GrpcStatusCode.INVALID_ARGUMENT,
                    "grpc-timeout must be at most 8 digits and a unit of H, M, S, m, u or n", null));
            return;
        }
        new IngressCall(exchange, method, maxMessageBytes).start(opener, timeoutNanos);
    }

    /** The client's timeout capped by the route's; 0 for none; -1 when unreadable. */
    private long timeoutNanos(String header) {
        if (header == null) {
            return defaultTimeoutNanos;
        }
        OptionalLong client = GrpcTimeout.parseNanos(header);
        if (client.isEmpty()) {
            return -1;
        }
        long nanos = defaultTimeoutNanos == 0 ? client.getAsLong() : Math.min(defaultTimeoutNanos, client.getAsLong());
        return Math.max(1, nanos);
    }

    /** Messages are passed on undecoded, so only the protobuf codec can be served. */
    private static boolean isProtoContentType(String contentType) {
        if (!GrpcHeaders.isGrpcContentType(contentType)) {
            return false;
        }
        String lower = contentType.trim().toLowerCase(Locale.ROOT);
        String subtype = lower.length() > 16 && lower.charAt(16) == '+' ? lower.substring(17).split("[; ]", 2)[0] : "";
        return subtype.isEmpty() || subtype.equals("proto");
    }

    /** Answers before any call is opened: a trailers-only response, the body discarded. */
    private static void reject(Exchange exchange, int httpStatus, GrpcStatus status) {
        exchange.requestBody().discard();
        GrpcAnswers.trailersOnly(exchange.response(), httpStatus, EmptyHttpHeaders.INSTANCE, status);
    }
}

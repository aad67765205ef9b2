package dev.polygate.translators.model.rest;

import com.google.protobuf.TypeRegistry;
import dev.polygate.translators.model.wire.GrpcStatus;

/**
 * How a REST route writes a failed call: the body, its media type and the HTTP status. Translators whose
 * backends have their own error vocabulary (SOAP faults) give {@link RestIngress} another one; the default
 * is {@code google.rpc.Status} JSON under the status the gateway picks.
 */
@FunctionalInterface
public interface ErrorRenderer {

    /** A rendered error: HTTP status, {@code content-type} and body. */
    record Rendered(int httpStatus, String contentType, byte[] body) {
    }

    /**
     * Renders one error.
     *
     * @param status      how the call ended
     * @param httpStatus  the HTTP status the gateway would use: the gRPC code's, or for the gateway's own
     *                    errors that of their kind (413, 504, ...)
     */
    Rendered render(GrpcStatus status, int httpStatus);

    /** The default: {@code google.rpc.Status} JSON, details printed with {@code types}. */
    static ErrorRenderer statusJson(TypeRegistry types) {
        return (status, httpStatus) -> new Rendered(httpStatus, StatusJson.CONTENT_TYPE, StatusJson.render(status, types));
    }
}

package dev.polygate.translators.model.wire;

import dev.polygate.spi.ErrorKind;
import dev.polygate.spi.GatewayException;

/**
 * A call that cannot go on, with the gRPC code and the message its client sees. Like
 * {@link GatewayException} it is a value travelling to a client, so it carries no stack trace.
 */
public final class GrpcException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final GrpcStatusCode code;

    public GrpcException(GrpcStatusCode code, String message) {
        super(message, null, false, false);
        if (code == GrpcStatusCode.OK) {
            throw new IllegalArgumentException("an exception cannot carry OK");
        }
        this.code = code;
    }

    public GrpcStatusCode code() {
        return code;
    }

    /** The status to send in trailers. */
    public GrpcStatus status() {
        return new GrpcStatus(code, getMessage(), null);
    }

    /** The same error in the gateway's vocabulary, for code that renders errors for any protocol. */
    public GatewayException toGatewayException() {
        ErrorKind kind = switch (code) {
            case INVALID_ARGUMENT, FAILED_PRECONDITION, OUT_OF_RANGE -> ErrorKind.BAD_REQUEST;
            case UNAUTHENTICATED -> ErrorKind.UNAUTHENTICATED;
            case PERMISSION_DENIED -> ErrorKind.PERMISSION_DENIED;
            case NOT_FOUND -> ErrorKind.NOT_FOUND;
            case RESOURCE_EXHAUSTED -> ErrorKind.PAYLOAD_TOO_LARGE;
            case UNAVAILABLE -> ErrorKind.UPSTREAM_UNAVAILABLE;
            case DEADLINE_EXCEEDED -> ErrorKind.UPSTREAM_TIMEOUT;
            default -> ErrorKind.INTERNAL;
        };
        return new GatewayException(kind, getMessage());
    }
}

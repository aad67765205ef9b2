package dev.polygate.translators.model.wire;

import dev.polygate.spi.ErrorKind;

/** The canonical gRPC status codes, with the HTTP status each one maps to for non-gRPC clients. */
public enum GrpcStatusCode {
    OK(0, 200),
    CANCELLED(1, 499),
    UNKNOWN(2, 500),
    INVALID_ARGUMENT(3, 400),
    DEADLINE_EXCEEDED(4, 504),
    NOT_FOUND(5, 404),
    ALREADY_EXISTS(6, 409),
    PERMISSION_DENIED(7, 403),
    RESOURCE_EXHAUSTED(8, 429),
    FAILED_PRECONDITION(9, 400),
    ABORTED(10, 409),
    OUT_OF_RANGE(11, 400),
    UNIMPLEMENTED(12, 501),
    INTERNAL(13, 500),
    UNAVAILABLE(14, 503),
    DATA_LOSS(15, 500),
    UNAUTHENTICATED(16, 401);

    private static final GrpcStatusCode[] BY_VALUE = values();

    private final int value;
    private final int httpStatus;

    GrpcStatusCode(int value, int httpStatus) {
        this.value = value;
        this.httpStatus = httpStatus;
    }

    /** The number sent in {@code grpc-status}. */
    public int value() {
        return value;
    }

    /** The code for a {@code grpc-status} number; numbers outside the canonical set are {@link #UNKNOWN}. */
    public static GrpcStatusCode of(int value) {
        return value >= 0 && value < BY_VALUE.length ? BY_VALUE[value] : UNKNOWN;
    }

    /** The HTTP status a REST client sees for this code. */
    public int httpStatus() {
        return httpStatus;
    }

    /**
     * The code for an upstream answer that is not gRPC at all (a proxy's error page, a wrong route), from
     * its HTTP status, as gRPC clients do it.
     */
    public static GrpcStatusCode fromHttpStatus(int status) {
        return switch (status) {
            case 400 -> INTERNAL;
            case 401 -> UNAUTHENTICATED;
            case 403 -> PERMISSION_DENIED;
            case 404 -> UNIMPLEMENTED;
            case 429, 502, 503, 504 -> UNAVAILABLE;
            default -> UNKNOWN;
        };
    }

    /** The code a gateway error is rendered with for gRPC and gRPC-Web clients. */
    public static GrpcStatusCode of(ErrorKind kind) {
        return of(kind.grpcCode());
    }
}

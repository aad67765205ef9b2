package dev.polygate.translators.model.wire;

import com.google.protobuf.InvalidProtocolBufferException;
import dev.polygate.spi.GatewayException;
import io.netty.handler.codec.http.HttpHeaders;

/**
 * How a call ended, as carried in trailers (or in the headers of a trailers-only answer).
 *
 * @param code    the status code
 * @param message the human-readable message, already percent-decoded; null or empty for none
 * @param details the rich error model from {@code grpc-status-details-bin}, or null
 */
public record GrpcStatus(GrpcStatusCode code, String message, com.google.rpc.Status details) {
    /** A successful call. */
    public static final GrpcStatus OK = new GrpcStatus(GrpcStatusCode.OK, null, null);

    public GrpcStatus {
        if (code == null) {
            throw new IllegalArgumentException("code is required");
        }
    }

    /**
     * Reads the status from trailers. A missing {@code grpc-status} means the server broke the protocol,
     * so it is INTERNAL, never OK; a malformed details value is ignored rather than failing the call.
     */
    public static GrpcStatus fromTrailers(HttpHeaders trailers) {
        String value = trailers.get(GrpcHeaders.GRPC_STATUS);
        if (value == null) {
            return new GrpcStatus(GrpcStatusCode.INTERNAL, "no grpc-status in response", null);
        }
        GrpcStatusCode code;
        try {
            code = GrpcStatusCode.of(Integer.parseInt(value.trim()));
        } catch (NumberFormatException e) {
            return new GrpcStatus(GrpcStatusCode.UNKNOWN, "malformed grpc-status: " + value, null);
        }
        String raw = trailers.get(GrpcHeaders.GRPC_MESSAGE);
        String message = raw == null ? null : GrpcMessageEncoding.decode(raw);
        return new GrpcStatus(code, message, details(trailers.get(GrpcHeaders.GRPC_STATUS_DETAILS_BIN)));
    }

    /** The status a gateway error is rendered with. */
    public static GrpcStatus of(GatewayException e) {
        return new GrpcStatus(GrpcStatusCode.of(e.kind()), e.detail(), null);
    }

    /** Sets {@code grpc-status}, {@code grpc-message} (percent-encoded) and {@code grpc-status-details-bin}. */
    public void writeTo(HttpHeaders trailers) {
        trailers.set(GrpcHeaders.GRPC_STATUS, Integer.toString(code.value()));
        if (message != null && !message.isEmpty()) {
            trailers.set(GrpcHeaders.GRPC_MESSAGE, GrpcMessageEncoding.encode(message));
        } else {
            trailers.remove(GrpcHeaders.GRPC_MESSAGE);
        }
        if (details != null) {
            trailers.set(GrpcHeaders.GRPC_STATUS_DETAILS_BIN, GrpcHeaders.encodeBinary(details.toByteArray()));
        } else {
            trailers.remove(GrpcHeaders.GRPC_STATUS_DETAILS_BIN);
        }
    }

    public boolean isOk() {
        return code == GrpcStatusCode.OK;
    }

    private static com.google.rpc.Status details(String value) {
        if (value == null || value.isEmpty()) {
            return null;
        }
        try {
            return com.google.rpc.Status.parseFrom(GrpcHeaders.decodeBinary(value));
        } catch (IllegalArgumentException | InvalidProtocolBufferException e) {
            return null;
        }
    }
}

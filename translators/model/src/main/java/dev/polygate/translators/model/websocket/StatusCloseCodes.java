package dev.polygate.translators.model.websocket;

import dev.polygate.spi.websocket.WebSocketCloseCodes;
import dev.polygate.translators.model.wire.GrpcStatus;
import dev.polygate.translators.model.wire.GrpcStatusCode;

/**
 * The close code a JSON session ends with, from the status of its call (RFC 6455 section 7.4 and the IANA
 * registry): 1000 for OK, 1007 for bad data, 1008 for a refusal, 1013 for "try again later", 1011 for a
 * failure, 1001 when the call was cancelled.
 */
final class StatusCloseCodes {
    private static final int MAX_REASON = 120;

    private StatusCloseCodes() {
    }

    static int of(GrpcStatusCode code) {
        return switch (code) {
            case OK -> WebSocketCloseCodes.NORMAL;
            case CANCELLED -> WebSocketCloseCodes.GOING_AWAY;
            case INVALID_ARGUMENT, OUT_OF_RANGE -> WebSocketCloseCodes.INVALID_PAYLOAD;
            case NOT_FOUND, ALREADY_EXISTS, FAILED_PRECONDITION, ABORTED, PERMISSION_DENIED, UNAUTHENTICATED,
                 UNIMPLEMENTED -> WebSocketCloseCodes.POLICY_VIOLATION;
            case RESOURCE_EXHAUSTED, UNAVAILABLE -> WebSocketCloseCodes.TRY_AGAIN_LATER;
            default -> WebSocketCloseCodes.INTERNAL_ERROR; // UNKNOWN, DEADLINE_EXCEEDED, INTERNAL, DATA_LOSS
        };
    }

    /** The close reason: the status code's name, then its message, cut to fit a Close frame. */
    static String reason(GrpcStatus status) {
        String reason = status.code().name();
        if (status.message() != null && !status.message().isEmpty()) {
            reason += ": " + status.message();
        }
        return reason.length() <= MAX_REASON / 3 * 3 ? reason : reason.substring(0, MAX_REASON / 3);
    }
}

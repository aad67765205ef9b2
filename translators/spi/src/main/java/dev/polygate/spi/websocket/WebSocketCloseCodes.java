package dev.polygate.spi.websocket;

/** The close codes of RFC 6455 section 7.4.1 the gateway uses. */
public final class WebSocketCloseCodes {
    /** The purpose of the connection was fulfilled. */
    public static final int NORMAL = 1000;
    /** An endpoint is going away: server shutting down, idle timeout, the other side left. */
    public static final int GOING_AWAY = 1001;
    /** A protocol error: unmasked client frame, reserved bits, bad opcode, fragmentation rules. */
    public static final int PROTOCOL_ERROR = 1002;
    /**
     * Never on the wire: a Close frame without a status code. {@link WebSocketHandler#onClose} reports it, and
     * {@link WebSocketSession#close} with it sends an empty Close frame.
     */
    public static final int NO_STATUS = 1005;
    /** Never on the wire: the connection dropped without a Close frame. */
    public static final int ABNORMAL = 1006;
    /** Data inconsistent with its type, such as invalid UTF-8 in a text message. */
    public static final int INVALID_PAYLOAD = 1007;
    /** A message that violates the endpoint's policy: the generic refusal when no other code fits. */
    public static final int POLICY_VIOLATION = 1008;
    /** A frame or message too big to process. */
    public static final int MESSAGE_TOO_BIG = 1009;
    /** The server met a condition that prevented it from going on (here: the backend failed). */
    public static final int INTERNAL_ERROR = 1011;
    /** The service is overloaded or unreachable for now: the client may try again later (IANA registry). */
    public static final int TRY_AGAIN_LATER = 1013;
    /** A gateway got an invalid answer from its upstream. */
    public static final int BAD_GATEWAY = 1014;

    private WebSocketCloseCodes() {
    }

    /** True for codes an endpoint may put in a Close frame (1000-1003, 1007-1014, 3000-4999). */
    public static boolean isSendable(int code) {
        return code >= 1000 && code <= 1003 || code >= 1007 && code <= 1014 || code >= 3000 && code <= 4999;
    }
}

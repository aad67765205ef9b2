package dev.polygate.edge.websocket;

import java.nio.charset.StandardCharsets;

/** Close reasons fit in a control frame: at most 123 bytes of UTF-8, never cut inside a character. */
final class CloseReasons {
    private static final int MAX_BYTES = 123;

    private CloseReasons() {
    }

    static String truncate(String reason) {
        if (reason == null) {
            return "";
        }
        if (reason.length() * 3 <= MAX_BYTES || reason.getBytes(StandardCharsets.UTF_8).length <= MAX_BYTES) {
            return reason;
        }
        int end = reason.length();
        while (reason.substring(0, end).getBytes(StandardCharsets.UTF_8).length > MAX_BYTES) {
            end--;
            if (Character.isLowSurrogate(reason.charAt(end)) && end > 0) {
                end--;
            }
        }
        return reason.substring(0, end);
    }
}

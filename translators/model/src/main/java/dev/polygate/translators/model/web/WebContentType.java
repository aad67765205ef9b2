package dev.polygate.translators.model.web;

import java.util.Locale;

/**
 * The flavour of a gRPC-Web call, from its content type: binary or base64 text, and the message format
 * suffix ({@code +proto} when none is given), which the backend call and the answer keep.
 */
record WebContentType(boolean text, String format) {
    private static final String PREFIX = "application/grpc-web";
    private static final String TEXT = "-text";

    /** The flavour of {@code contentType}, or null when it is not gRPC-Web. */
    static WebContentType parse(String contentType) {
        if (contentType == null) {
            return null;
        }
        String value = contentType.trim().toLowerCase(Locale.ROOT);
        int parameters = value.indexOf(';');
        if (parameters >= 0) {
            value = value.substring(0, parameters).trim();
        }
        if (!value.startsWith(PREFIX)) {
            return null;
        }
        String rest = value.substring(PREFIX.length());
        boolean text = rest.startsWith(TEXT);
        if (text) {
            rest = rest.substring(TEXT.length());
        }
        if (rest.isEmpty()) {
            return new WebContentType(text, "proto");
        }
        if (rest.charAt(0) != '+' || rest.length() == 1) {
            return null;
        }
        return new WebContentType(text, rest.substring(1));
    }

    /** What the gRPC backend is sent. */
    String backendContentType() {
        return "application/grpc+" + format;
    }

    /** What the client is answered with. */
    String responseContentType() {
        return PREFIX + (text ? TEXT : "") + "+" + format;
    }
}

package dev.polygate.translators.model.transcoding;

/** Small text helpers for building JSON and client-facing messages. */
final class JsonText {

    private static final int MAX_SHOWN = 40;

    private JsonText() {
    }

    /** The text as a JSON string literal. */
    static String quote(String text) {
        StringBuilder sb = new StringBuilder(text.length() + 2).append('"');
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                default -> {
                    if (c < 0x20) {
                        sb.append(String.format("\\u%04x", (int) c));
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
        return sb.append('"').toString();
    }

    /** Client input echoed in an error message is cut short: the message must stay readable. */
    static String shorten(String text) {
        return text.length() <= MAX_SHOWN ? text : text.substring(0, MAX_SHOWN) + "...";
    }

    /**
     * The value of the first member of a compact JSON object ({@code {"name":value}} → {@code value}), or
     * {@code null} when the object is empty (a codec that leaves the field out).
     */
    static String onlyValue(String object) {
        int i = object.indexOf('"');
        if (i < 0) {
            return "null";
        }
        for (i++; object.charAt(i) != '"'; i++) {
            if (object.charAt(i) == '\\') {
                i++;
            }
        }
        int colon = object.indexOf(':', i);
        return object.substring(colon + 1, object.lastIndexOf('}')).strip();
    }
}

package dev.polygate.translators.model.transcoding;

import java.util.ArrayList;
import java.util.List;

/**
 * Finds the boundaries of JSON values without building them: the elements of a top-level array, the values
 * of a newline-delimited body, and the check that a body holds exactly one value. The parser used afterwards
 * is lenient (it ignores what follows the first value and accepts comments and single quotes), so this is
 * also where such input is refused.
 */
final class JsonValueScanner {

    /** One value: text[start, end), starting on the given 1-based line. */
    record Span(int start, int end, int line) {
    }

    private final String text;
    private int pos;
    private int lineCursor;
    private int linesBefore = 1;

    private JsonValueScanner(String text) {
        this.text = text;
    }

    /** @throws IllegalArgumentException unless the text is one JSON value, possibly surrounded by whitespace */
    static void requireSingleValue(String text) {
        JsonValueScanner s = new JsonValueScanner(text);
        s.skipWhitespace();
        if (s.pos == text.length()) {
            throw s.error("empty JSON value");
        }
        s.value();
        s.skipWhitespace();
        if (s.pos != text.length()) {
            throw s.error("unexpected content after the JSON value");
        }
    }

    /** True when the first non-whitespace character opens an array. */
    static boolean isArray(String text) {
        JsonValueScanner s = new JsonValueScanner(text);
        s.skipWhitespace();
        return s.pos < text.length() && text.charAt(s.pos) == '[';
    }

    /** The values of a body holding values one after another (NDJSON: one per line; blank lines are skipped). */
    static List<Span> sequence(String text) {
        JsonValueScanner s = new JsonValueScanner(text);
        List<Span> spans = new ArrayList<>();
        s.skipWhitespace();
        while (s.pos < text.length()) {
            int start = s.pos;
            s.value();
            spans.add(new Span(start, s.pos, s.lineOf(start)));
            s.skipWhitespace();
        }
        return spans;
    }

    /** The elements of a body holding one JSON array. */
    static List<Span> arrayElements(String text) {
        JsonValueScanner s = new JsonValueScanner(text);
        List<Span> spans = new ArrayList<>();
        s.skipWhitespace();
        s.pos++; // the '[' that isArray saw
        s.skipWhitespace();
        if (s.peek() == ']') {
            s.pos++;
        } else {
            while (true) {
                s.skipWhitespace();
                int start = s.pos;
                s.value();
                spans.add(new Span(start, s.pos, s.lineOf(start)));
                s.skipWhitespace();
                char c = s.peek();
                s.pos++;
                if (c == ']') {
                    break;
                }
                if (c != ',') {
                    s.pos--;
                    throw s.error("expected ',' or ']' in the array");
                }
            }
        }
        s.skipWhitespace();
        if (s.pos != text.length()) {
            throw s.error("unexpected content after the JSON array");
        }
        return spans;
    }

    private void value() {
        char c = peek();
        if (c == '"') {
            string();
        } else if (c == '{' || c == '[') {
            container();
        } else if (c == 0 || ",:]}".indexOf(c) >= 0) {
            throw error(c == 0 ? "unexpected end of JSON" : "unexpected '" + c + "'");
        } else {
            scalar();
        }
    }

    /** Skips a whole object or array, checking that brackets pair up and strings end. */
    private void container() {
        StringBuilder closers = new StringBuilder();
        do {
            char c = peek();
            switch (c) {
                case 0 -> throw error("unexpected end of JSON: unclosed " + (closers.charAt(closers.length() - 1) == '}'
                        ? "object" : "array"));
                case '"' -> string();
                case '{' -> {
                    closers.append('}');
                    pos++;
                }
                case '[' -> {
                    closers.append(']');
                    pos++;
                }
                case '}', ']' -> {
                    if (closers.charAt(closers.length() - 1) != c) {
                        throw error("unexpected '" + c + "'");
                    }
                    closers.setLength(closers.length() - 1);
                    pos++;
                }
                default -> {
                    checkStructural(c);
                    pos++;
                }
            }
        } while (closers.length() > 0);
    }

    private void scalar() {
        while (pos < text.length()) {
            char c = text.charAt(pos);
            if (Character.isWhitespace(c) || ",]}".indexOf(c) >= 0) {
                return;
            }
            if (c == '"' || c == '{' || c == '[') {
                throw error("unexpected '" + c + "'");
            }
            checkStructural(c);
            pos++;
        }
    }

    private void checkStructural(char c) {
        if ("'/#;=".indexOf(c) >= 0) {
            throw error("unexpected '" + c + "'");
        }
    }

    private void string() {
        int start = pos++;
        while (pos < text.length()) {
            char c = text.charAt(pos++);
            if (c == '\\') {
                pos++;
            } else if (c == '"') {
                return;
            }
        }
        pos = start;
        throw error("unterminated string");
    }

    private void skipWhitespace() {
        while (pos < text.length() && Character.isWhitespace(text.charAt(pos))) {
            pos++;
        }
    }

    private char peek() {
        return pos < text.length() ? text.charAt(pos) : 0;
    }

    /** Lines are counted incrementally: spans are asked for in increasing order. */
    private int lineOf(int index) {
        if (index < lineCursor) {
            lineCursor = 0;
            linesBefore = 1;
        }
        for (; lineCursor < index; lineCursor++) {
            if (text.charAt(lineCursor) == '\n') {
                linesBefore++;
            }
        }
        return linesBefore;
    }

    private IllegalArgumentException error(String what) {
        int line = lineOf(Math.min(pos, text.length()));
        int lineStart = text.lastIndexOf('\n', Math.max(0, Math.min(pos, text.length()) - 1)) + 1;
        return new IllegalArgumentException(what + " at line " + line + " column " + (pos - lineStart + 1));
    }
}

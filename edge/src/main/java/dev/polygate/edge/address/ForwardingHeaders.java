package dev.polygate.edge.address;

import java.util.ArrayList;
import java.util.List;

/**
 * Reads the hops of {@code X-Forwarded-For} and of RFC 7239 {@code Forwarded}, left (the farthest) to right (the
 * nearest). Several header lines are one list, in order. Empty list elements are skipped, as HTTP lists allow;
 * anything else that does not follow the header's grammar makes the whole header malformed (null), since a
 * half-understood chain cannot be trusted.
 */
final class ForwardingHeaders {
    private ForwardingHeaders() {
    }

    /** {@code 203.0.113.7, 2001:db8::1, [2001:db8::2]:443, unknown}; null when malformed. */
    static List<ForwardedHop> xForwardedFor(List<String> lines) {
        List<ForwardedHop> hops = new ArrayList<>();
        for (String line : lines) {
            int start = 0;
            while (start <= line.length()) {
                int comma = line.indexOf(',', start);
                int end = comma < 0 ? line.length() : comma;
                String element = line.substring(start, end).strip();
                if (!element.isEmpty()) {
                    ForwardedHop hop = ForwardedHop.parse(element, true);
                    if (hop == null) {
                        return null;
                    }
                    hops.add(hop);
                }
                start = end + 1;
            }
        }
        return hops;
    }

    /** {@code for=192.0.2.60;proto=http, for="[2001:db8:cafe::17]:4711", for=_hidden}; null when malformed. */
    static List<ForwardedHop> forwarded(List<String> lines) {
        List<ForwardedHop> hops = new ArrayList<>();
        for (String line : lines) {
            if (!new ForwardedReader(line).readInto(hops)) {
                return null;
            }
        }
        return hops;
    }

    /** One {@code Forwarded} line: {@code element *("," element)}, element = {@code pair *(";" pair)}. */
    private static final class ForwardedReader {
        private final String text;
        private int pos;

        ForwardedReader(String text) {
            this.text = text;
        }

        boolean readInto(List<ForwardedHop> hops) {
            while (true) {
                int pairs = 0;
                String forNode = null;
                while (true) {
                    skipSpace();
                    if (atEnd() || peek() == ',') {
                        break;
                    }
                    String name = token();
                    if (name.isEmpty() || atEnd() || text.charAt(pos++) != '=') {
                        return false;
                    }
                    String value = atEnd() ? null : peek() == '"' ? quoted() : token();
                    if (value == null || value.isEmpty()) {
                        return false;
                    }
                    pairs++;
                    if (name.equalsIgnoreCase("for")) {
                        if (forNode != null) {
                            return false; // a parameter occurs at most once per element
                        }
                        forNode = value;
                    }
                    skipSpace();
                    if (atEnd() || peek() != ';') {
                        break;
                    }
                    pos++;
                }
                if (!atEnd() && peek() != ',') {
                    return false;
                }
                if (pairs > 0) {
                    ForwardedHop hop = forNode == null ? ForwardedHop.UNKNOWN : ForwardedHop.parse(forNode, false);
                    if (hop == null) {
                        return false;
                    }
                    hops.add(hop);
                }
                if (atEnd()) {
                    return true;
                }
                pos++; // the comma
            }
        }

        private String token() {
            int start = pos;
            while (!atEnd() && isTokenChar(peek())) {
                pos++;
            }
            return text.substring(start, pos);
        }

        /** A quoted string with its escapes undone; null when it does not end. */
        private String quoted() {
            StringBuilder value = new StringBuilder();
            pos++;
            while (!atEnd()) {
                char c = text.charAt(pos++);
                if (c == '"') {
                    return value.toString();
                }
                if (c == '\\') {
                    if (atEnd()) {
                        return null;
                    }
                    c = text.charAt(pos++);
                }
                value.append(c);
            }
            return null;
        }

        private void skipSpace() {
            while (!atEnd() && (peek() == ' ' || peek() == '\t')) {
                pos++;
            }
        }

        private boolean atEnd() {
            return pos >= text.length();
        }

        private char peek() {
            return text.charAt(pos);
        }

        private static boolean isTokenChar(char c) {
            return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9'
                    || "!#$%&'*+-.^_`|~".indexOf(c) >= 0;
        }
    }
}

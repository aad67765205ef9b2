package dev.polygate.edge.websocket;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * One permessage-deflate offer of a client's {@code Sec-WebSocket-Extensions} header, checked against RFC 7692
 * section 7: only the four parameters it defines, each at most once, {@code server_no_context_takeover} and
 * {@code client_no_context_takeover} without a value, {@code server_max_window_bits} with one and
 * {@code client_max_window_bits} with or without one, values 8 to 15 without leading zeros (a token or a quoted
 * string, RFC 6455 section 9.1). An offer that breaks a rule is declined by leaving it out (RFC 7692 section 5.1):
 * the handshake goes on, and a later offer may still be accepted.
 *
 * @param serverMaxWindowBits {@link #ABSENT} when not offered
 * @param clientMaxWindowBits {@link #ABSENT} when not offered, {@link #NO_VALUE} when offered bare
 */
record PerMessageDeflateOffer(boolean serverNoContextTakeover, boolean clientNoContextTakeover,
                              int serverMaxWindowBits, int clientMaxWindowBits) {
    static final String NAME = "permessage-deflate";
    static final String SERVER_NO_CONTEXT_TAKEOVER = "server_no_context_takeover";
    static final String CLIENT_NO_CONTEXT_TAKEOVER = "client_no_context_takeover";
    static final String SERVER_MAX_WINDOW_BITS = "server_max_window_bits";
    static final String CLIENT_MAX_WINDOW_BITS = "client_max_window_bits";
    static final int ABSENT = -1;
    static final int NO_VALUE = 0;

    /** The well-formed permessage-deflate offers of {@code header}, in the client's order of preference. */
    static List<PerMessageDeflateOffer> read(String header) {
        List<PerMessageDeflateOffer> offers = new ArrayList<>();
        if (header == null) {
            return offers;
        }
        for (String element : splitOutsideQuotes(header, ',')) {
            PerMessageDeflateOffer offer = parse(element);
            if (offer != null) {
                offers.add(offer);
            }
        }
        return offers;
    }

    /** @return null for another extension or an offer that breaks a rule */
    private static PerMessageDeflateOffer parse(String element) {
        List<String> parts = splitOutsideQuotes(element, ';');
        if (parts.isEmpty() || !parts.get(0).trim().equals(NAME)) {
            return null;
        }
        Set<String> seen = new HashSet<>();
        boolean serverNoContext = false;
        boolean clientNoContext = false;
        int serverBits = ABSENT;
        int clientBits = ABSENT;
        for (String part : parts.subList(1, parts.size())) {
            int equals = part.indexOf('=');
            String name = (equals < 0 ? part : part.substring(0, equals)).trim();
            String value = equals < 0 ? null : unquote(part.substring(equals + 1).trim());
            if (!seen.add(name) || equals >= 0 && value == null) {
                return null; // a duplicate, or a value that is neither a token nor a quoted string
            }
            boolean valid = switch (name) {
                case SERVER_NO_CONTEXT_TAKEOVER -> {
                    serverNoContext = true;
                    yield value == null;
                }
                case CLIENT_NO_CONTEXT_TAKEOVER -> {
                    clientNoContext = true;
                    yield value == null;
                }
                case SERVER_MAX_WINDOW_BITS -> {
                    serverBits = windowBits(value);
                    yield serverBits != NO_VALUE;
                }
                case CLIENT_MAX_WINDOW_BITS -> {
                    clientBits = value == null ? NO_VALUE : windowBits(value);
                    yield value == null || clientBits != NO_VALUE;
                }
                default -> false; // an unknown parameter
            };
            if (!valid) {
                return null;
            }
        }
        return new PerMessageDeflateOffer(serverNoContext, clientNoContext, serverBits, clientBits);
    }

    /** 8 to 15 written without leading zeros; {@link #NO_VALUE} for anything else (which declines the offer). */
    private static int windowBits(String value) {
        if (value == null || !value.matches("[89]|1[0-5]")) {
            return NO_VALUE;
        }
        return Integer.parseInt(value);
    }

    /** A token as it is, a quoted string unescaped; null when the value is neither or is empty. */
    private static String unquote(String value) {
        if (value.length() >= 2 && value.charAt(0) == '"' && value.charAt(value.length() - 1) == '"') {
            StringBuilder text = new StringBuilder();
            for (int i = 1; i < value.length() - 1; i++) {
                char c = value.charAt(i);
                if (c == '\\' && i + 1 < value.length() - 1) {
                    c = value.charAt(++i);
                }
                text.append(c);
            }
            value = text.toString();
        }
        return !value.isEmpty() && value.chars().allMatch(PerMessageDeflateOffer::isTokenChar) ? value : null;
    }

    private static boolean isTokenChar(int c) {
        return c > 32 && c < 127 && "()<>@,;:\\\"/[]?={}".indexOf(c) < 0;
    }

    /** Splits at {@code separator} where it is not inside a quoted string. */
    private static List<String> splitOutsideQuotes(String text, char separator) {
        List<String> parts = new ArrayList<>();
        StringBuilder part = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (quoted && c == '\\' && i + 1 < text.length()) {
                part.append(c).append(text.charAt(++i));
                continue;
            }
            if (c == '"') {
                quoted = !quoted;
            } else if (c == separator && !quoted) {
                parts.add(part.toString());
                part.setLength(0);
                continue;
            }
            part.append(c);
        }
        parts.add(part.toString());
        return parts;
    }
}

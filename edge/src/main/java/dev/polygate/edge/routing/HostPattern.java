package dev.polygate.edge.routing;

import java.util.Locale;

/**
 * Which {@code Host} / {@code :authority} values a route applies to: any host, a wildcard such as
 * {@code *.example.com}, or one exact host. Matching ignores case, the port and a trailing dot.
 */
public final class HostPattern {

    private enum Kind { ANY, WILDCARD, EXACT }

    private static final HostPattern ANY = new HostPattern(Kind.ANY, "");

    private final Kind kind;
    /** Lower case, no trailing dot; for a wildcard the suffix including its leading dot (".example.com"). */
    private final String value;

    private HostPattern(Kind kind, String value) {
        this.kind = kind;
        this.value = value;
    }

    /**
     * Parses a configured host pattern: {@code null}, empty or {@code *} for any host; {@code *.example.com} for
     * any host with one or more labels in front of {@code .example.com}; anything else as one exact host name or
     * bracketed IPv6 literal ({@code [::1]}).
     *
     * @throws IllegalArgumentException if the pattern has a port, a misplaced {@code *} or stray characters
     */
    public static HostPattern parse(String pattern) {
        if (pattern == null || pattern.isBlank() || pattern.strip().equals("*")) {
            return ANY;
        }
        String text = pattern.strip().toLowerCase(Locale.ROOT);
        if (text.endsWith(".")) {
            text = text.substring(0, text.length() - 1);
        }
        if (text.startsWith("*.")) {
            String suffix = text.substring(1);
            if (suffix.length() < 2 || suffix.indexOf('*') >= 0 || suffix.contains("..")) {
                throw new IllegalArgumentException("host pattern '" + pattern
                        + "': a wildcard must look like '*.example.com'");
            }
            requireHostCharacters(pattern, suffix.substring(1));
            return new HostPattern(Kind.WILDCARD, suffix);
        }
        if (text.indexOf('*') >= 0) {
            throw new IllegalArgumentException("host pattern '" + pattern
                    + "': '*' is only allowed alone or as the whole first label ('*.example.com')");
        }
        if (text.startsWith("[")) {
            if (!text.endsWith("]") || text.length() < 3) {
                throw new IllegalArgumentException("host pattern '" + pattern
                        + "': an IPv6 literal must be bracketed without a port, like '[::1]'");
            }
            return new HostPattern(Kind.EXACT, text);
        }
        int colons = (int) text.chars().filter(c -> c == ':').count();
        if (colons == 1) {
            throw new IllegalArgumentException("host pattern '" + pattern
                    + "': ports are not part of host patterns; the listener decides the port");
        }
        if (colons > 1) {
            // A bare IPv6 literal; requests always carry it bracketed, so store it that way.
            return new HostPattern(Kind.EXACT, "[" + text + "]");
        }
        requireHostCharacters(pattern, text);
        return new HostPattern(Kind.EXACT, text);
    }

    private static void requireHostCharacters(String pattern, String name) {
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            boolean allowed = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '.' || c == '_';
            if (!allowed) {
                throw new IllegalArgumentException("host pattern '" + pattern + "': unexpected character '"
                        + c + "'");
            }
        }
        if (name.isEmpty() || name.startsWith(".") || name.contains("..")) {
            throw new IllegalArgumentException("host pattern '" + pattern + "': empty label");
        }
    }

    /**
     * Whether the request's host matches. {@code host} is the raw header value and may carry a port
     * ({@code example.com:8443}, {@code [::1]:8443}); {@code null} (no Host header) matches only "any".
     */
    public boolean matches(String host) {
        if (kind == Kind.ANY) {
            return true;
        }
        if (host == null) {
            return false;
        }
        int end = hostNameEnd(host);
        if (kind == Kind.EXACT) {
            return end == value.length() && host.regionMatches(true, 0, value, 0, end);
        }
        int labelsEnd = end - value.length();
        // At least one non-empty label must precede the suffix, so "example.com" itself does not match.
        return labelsEnd > 0
                && host.charAt(labelsEnd - 1) != '.'
                && host.regionMatches(true, labelsEnd, value, 0, value.length());
    }

    /** End of the host name inside a Host header value: before the port and any trailing dot. */
    private static int hostNameEnd(String host) {
        int end;
        if (host.startsWith("[")) {
            int bracket = host.indexOf(']');
            end = bracket < 0 ? host.length() : bracket + 1;
        } else {
            int colon = host.indexOf(':');
            // More than one colon without brackets is not a valid Host; compare it whole so it cannot match.
            end = colon >= 0 && host.lastIndexOf(':') == colon ? colon : host.length();
        }
        if (end > 0 && host.charAt(end - 1) == '.') {
            end--;
        }
        return end;
    }

    /**
     * Ordering key, higher is more specific: an exact host beats any wildcard, a wildcard with a longer suffix
     * beats a shorter one, and every wildcard beats "any".
     */
    public int specificity() {
        return switch (kind) {
            case ANY -> 0;
            case WILDCARD -> 1 + Math.min(value.length(), Integer.MAX_VALUE - 2);
            case EXACT -> Integer.MAX_VALUE;
        };
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof HostPattern that && kind == that.kind && value.equals(that.value);
    }

    @Override
    public int hashCode() {
        return kind.hashCode() * 31 + value.hashCode();
    }

    /** The pattern in configuration syntax, for logs and the start-up summary. */
    @Override
    public String toString() {
        return switch (kind) {
            case ANY -> "*";
            case WILDCARD -> "*" + value;
            case EXACT -> value;
        };
    }
}

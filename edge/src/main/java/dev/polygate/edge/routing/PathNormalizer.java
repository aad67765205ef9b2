package dev.polygate.edge.routing;

import dev.polygate.spi.ErrorKind;
import dev.polygate.spi.GatewayException;

/**
 * Puts a request path into the one canonical form that both route matching and the upstream see, so that
 * tricks such as {@code /public/%2e%2e/admin} or {@code /public/..%2fadmin} cannot select one route while
 * addressing a different resource.
 *
 * <p>Steps, in order: percent-decode exactly once (only unreserved characters and {@code %2F}; other escapes are
 * kept with upper-case hex), collapse duplicate slashes, remove dot segments (RFC 3986 section 5.2.4). Anything
 * ambiguous is refused with {@link ErrorKind#BAD_REQUEST} rather than guessed at.
 */
public final class PathNormalizer {

    private static final char[] HEX = "0123456789ABCDEF".toCharArray();

    private PathNormalizer() {
    }

    /**
     * Returns the canonical form of {@code rawPath}, the request path without its query string.
     *
     * @throws GatewayException with {@link ErrorKind#BAD_REQUEST} when the path is not absolute, contains a NUL,
     *                          control character, backslash (raw or {@code %5C}), a malformed escape, a dot
     *                          segment carrying {@code ;} parameters, or climbs above the root
     */
    public static String normalize(String rawPath) {
        if (rawPath == null || rawPath.isEmpty() || rawPath.charAt(0) != '/') {
            throw badRequest("path must start with '/'");
        }
        if (isAlreadyCanonical(rawPath)) {
            // The common case: nothing to decode or resolve, so hand back the very same string.
            return rawPath;
        }
        return removeDotSegments(collapseSlashes(decodeOnce(rawPath)));
    }

    /** Scans once; rejects forbidden raw characters here too, because the fast path skips the decoder. */
    private static boolean isAlreadyCanonical(String path) {
        int length = path.length();
        boolean canonical = true;
        for (int i = 0; i < length; i++) {
            char c = path.charAt(i);
            if (c == '%') {
                canonical = false;
            } else if (c < 0x20 || c == 0x7F) {
                throw badRequest(String.format("control character 0x%02X in path", (int) c));
            } else if (c == '\\') {
                throw badRequest("backslash in path");
            } else if (c == '/' && canonical && i + 1 < length) {
                char next = path.charAt(i + 1);
                if (next == '/' || (next == '.' && startsDotSegment(path, i + 1))) {
                    canonical = false;
                }
            }
        }
        return canonical;
    }

    /** True when the segment starting at {@code dot} is "." or ".." (optionally followed by ";params"). */
    private static boolean startsDotSegment(String path, int dot) {
        int afterDots = dot + 1;
        if (afterDots < path.length() && path.charAt(afterDots) == '.') {
            afterDots++;
        }
        return afterDots == path.length() || path.charAt(afterDots) == '/' || path.charAt(afterDots) == ';';
    }

    private static String decodeOnce(String path) {
        int length = path.length();
        StringBuilder out = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            char c = path.charAt(i);
            if (c == '%') {
                if (i + 2 >= length) {
                    throw badRequest("malformed percent-escape at offset " + i + ": truncated");
                }
                int high = Character.digit(path.charAt(i + 1), 16);
                int low = Character.digit(path.charAt(i + 2), 16);
                if (high < 0 || low < 0) {
                    throw badRequest("malformed percent-escape at offset " + i + ": '"
                            + path.substring(i, i + 3) + "' is not two hex digits");
                }
                char decoded = (char) (high << 4 | low);
                if (decoded == 0) {
                    throw badRequest("encoded NUL (%00) in path");
                }
                if (decoded == '\\') {
                    // Some backends treat '\' as a separator and some do not; refusing is the only safe answer.
                    throw badRequest("encoded backslash (%5C) in path");
                }
                if (decoded == '/' || isUnreserved(decoded)) {
                    out.append(decoded);
                } else {
                    // Re-emit rather than decode: the result may be decoded again upstream, and "%" must stay data.
                    out.append('%').append(HEX[high]).append(HEX[low]);
                }
                i += 2;
            } else if (c < 0x20 || c == 0x7F) {
                throw badRequest(String.format("control character 0x%02X in path", (int) c));
            } else if (c == '\\') {
                throw badRequest("backslash in path");
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    private static boolean isUnreserved(char c) {
        return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')
                || c == '-' || c == '.' || c == '_' || c == '~';
    }

    private static String collapseSlashes(String path) {
        if (!path.contains("//")) {
            return path;
        }
        StringBuilder out = new StringBuilder(path.length());
        char previous = 0;
        for (int i = 0; i < path.length(); i++) {
            char c = path.charAt(i);
            if (c != '/' || previous != '/') {
                out.append(c);
            }
            previous = c;
        }
        return out.toString();
    }

    /**
     * RFC 3986 section 5.2.4 on a path that starts with '/' and has no empty segments. Unlike the RFC, a ".." at
     * the root is an error instead of being dropped: a client that sends one is probing, not browsing.
     */
    private static String removeDotSegments(String path) {
        StringBuilder out = new StringBuilder(path.length());
        // Length of "out" before each kept segment was appended, so ".." can pop in O(1).
        int[] segmentStarts = new int[path.length()];
        int depth = 0;
        int start = 1;
        while (start <= path.length()) {
            int end = path.indexOf('/', start);
            boolean last = end < 0;
            if (last) {
                end = path.length();
            }
            int dots = dotSegmentLength(path, start, end);
            if (dots == 0) {
                segmentStarts[depth++] = out.length();
                out.append('/').append(path, start, end);
            } else if (dots == 2) {
                if (depth == 0) {
                    throw badRequest("path escapes the root");
                }
                out.setLength(segmentStarts[--depth]);
            }
            if (last && dots != 0) {
                // "/a/b/." and "/a/b/.." name a directory, so the result keeps its trailing slash.
                out.append('/');
            }
            start = end + 1;
        }
        return out.length() == 0 ? "/" : out.toString();
    }

    /** 1 for ".", 2 for "..", 0 for anything else; a dot segment with ";" parameters is refused. */
    private static int dotSegmentLength(String path, int start, int end) {
        int semicolon = path.indexOf(';', start);
        int nameEnd = semicolon >= 0 && semicolon < end ? semicolon : end;
        int dots = 0;
        if (nameEnd - start == 1 && path.charAt(start) == '.') {
            dots = 1;
        } else if (nameEnd - start == 2 && path.charAt(start) == '.' && path.charAt(start + 1) == '.') {
            dots = 2;
        }
        if (dots != 0 && nameEnd != end) {
            // Servlet containers read "..;x" as "..", so passing it on would let it climb past the route prefix.
            throw badRequest("dot segment with ';' parameters in path");
        }
        return dots;
    }

    private static GatewayException badRequest(String detail) {
        return new GatewayException(ErrorKind.BAD_REQUEST, detail);
    }
}

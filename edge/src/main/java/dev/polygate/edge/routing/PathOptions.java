package dev.polygate.edge.routing;

import dev.polygate.spi.ConfigNode;
import dev.polygate.spi.ErrorKind;
import dev.polygate.spi.GatewayException;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;

/**
 * The top-level {@code paths} section: how routing treats what {@link PathNormalizer} leaves alone but some
 * backends read differently, so that a protected prefix holds in front of them too. Servlet containers strip
 * {@code ;} path parameters ({@code /secure;jsessionid=1/x} is their {@code /secure/x}), some servers drop a
 * segment's trailing dots ({@code /secure./x}), and case-insensitive file systems and frameworks fold case
 * ({@code /SECURE/x}).
 *
 * @param parameters    what to do with {@code ;} parameters in a path segment
 * @param trailingDots  what to do with a segment ending in {@code .} (dot segments are resolved before)
 * @param caseSensitive false: routes match paths whatever their case; the backend receives the path as sent
 */
public record PathOptions(Parameters parameters, TrailingDots trailingDots, boolean caseSensitive) {
    /** Today's behaviour: paths are matched and forwarded as normalised, byte for byte. */
    public static final PathOptions DEFAULT = new PathOptions(Parameters.KEEP, TrailingDots.KEEP, true);

    public enum Parameters {
        /** Matched and forwarded as part of their segment. */
        KEEP,
        /** Removed from the path before matching and forwarding, as servlet containers do. */
        STRIP,
        /** A 400. */
        REFUSE
    }

    public enum TrailingDots {
        KEEP,
        REFUSE
    }

    /** Reads the section; an absent one is {@link #DEFAULT}. */
    public static PathOptions read(ConfigNode node) {
        if (!node.expectObject(new LinkedHashSet<>(List.of("parameters", "trailingDots", "caseSensitive")))) {
            return DEFAULT;
        }
        return new PathOptions(choice(node, "parameters", Parameters.class, Parameters.KEEP),
                choice(node, "trailingDots", TrailingDots.class, TrailingDots.KEEP), node.bool("caseSensitive", true));
    }

    private static <E extends Enum<E>> E choice(ConfigNode node, String key, Class<E> type, E fallback) {
        String text = node.text(key, null);
        if (text == null) {
            return fallback;
        }
        StringBuilder allowed = new StringBuilder();
        for (E value : type.getEnumConstants()) {
            String name = value.name().toLowerCase(Locale.ROOT);
            if (name.equals(text)) {
                return value;
            }
            allowed.append(allowed.isEmpty() ? "" : ", ").append(name);
        }
        node.get(key).problem("must be one of " + allowed + ", was '" + text + "'");
        return fallback;
    }

    /** Whether {@link #apply} can change or refuse a path. */
    public boolean changesPaths() {
        return parameters != Parameters.KEEP || trailingDots != TrailingDots.KEEP;
    }

    /**
     * The path to match and forward in place of {@code normalizedPath} (as {@link PathNormalizer} returned it):
     * the same string when nothing applies.
     *
     * @throws GatewayException {@link ErrorKind#BAD_REQUEST} for a path these options refuse
     */
    public String apply(String normalizedPath) {
        String path = normalizedPath;
        if (parameters != Parameters.KEEP && path.indexOf(';') >= 0) {
            if (parameters == Parameters.REFUSE) {
                throw new GatewayException(ErrorKind.BAD_REQUEST, "';' parameters in the path are not accepted");
            }
            // Stripping may leave empty segments ("/;a/x") or new dot segments: normalise again.
            path = PathNormalizer.normalize(withoutParameters(path));
        }
        if (trailingDots == TrailingDots.REFUSE && hasTrailingDot(path)) {
            throw new GatewayException(ErrorKind.BAD_REQUEST, "a path segment ending in '.' is not accepted");
        }
        return path;
    }

    private static String withoutParameters(String path) {
        StringBuilder out = new StringBuilder(path.length());
        boolean inParameters = false;
        for (int i = 0; i < path.length(); i++) {
            char c = path.charAt(i);
            if (c == '/') {
                inParameters = false;
            } else if (c == ';') {
                inParameters = true;
            }
            if (!inParameters) {
                out.append(c);
            }
        }
        return out.toString();
    }

    /** A segment ending in '.'; the normalised path has no "." or ".." segments left. */
    private static boolean hasTrailingDot(String path) {
        for (int i = 1; i < path.length(); i++) {
            if (path.charAt(i) == '.' && (i + 1 == path.length() || path.charAt(i + 1) == '/'
                    || path.charAt(i + 1) == ';')) {
                return true;
            }
        }
        return false;
    }
}

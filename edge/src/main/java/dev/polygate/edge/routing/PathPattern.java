package dev.polygate.edge.routing;

import dev.polygate.spi.GatewayException;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Which normalised request paths a route applies to: one exact path, a segment-aware prefix, or a template made
 * of literal segments, {@code {name}}, {@code *}, and a trailing {@code **} or {@code {name=**}}.
 *
 * <p>Patterns are compiled once at configuration time; matching walks the path by index, compares regions in
 * place and allocates only for a successful match that captures something.
 */
public final class PathPattern {

    /** Declaration order is precedence order: exact beats template beats prefix. */
    private enum Kind { EXACT, TEMPLATE, PREFIX }

    private enum SegmentKind { LITERAL, VARIABLE, ANY_ONE, REST }

    /** One template segment; {@code text} is the literal, the variable name, or null for an anonymous wildcard. */
    private record Segment(SegmentKind kind, String text) {
    }

    private static final Optional<PathMatch> NOTHING_CAPTURED = Optional.of(PathMatch.NOTHING_CAPTURED);

    /**
     * Most specific first: exact; then templates with more literal segments, then more segments, then fewer
     * wildcards, then without {@code **} before with it; then prefixes, longest first.
     */
    static final Comparator<PathPattern> MOST_SPECIFIC_FIRST = Comparator
            .comparing((PathPattern p) -> p.kind)
            .thenComparingInt(p -> -p.literalCount)
            .thenComparingInt(p -> -p.segments.length)
            .thenComparingInt(p -> p.wildcardCount)
            .thenComparing(p -> p.capturesRest)
            .thenComparingInt(p -> p.kind == Kind.PREFIX ? -p.text.length() : 0);

    private final Kind kind;
    /** The exact path, the prefix, or the template source, as configured. */
    private final String text;
    private final Segment[] segments;
    private final int literalCount;
    private final int wildcardCount;
    private final boolean capturesRest;
    private final Set<String> variableNames;
    /** The text with every variable written as {@code *} or {@code **}: equal shapes match the same paths. */
    private final String shape;

    private PathPattern(Kind kind, String text, Segment[] segments, Set<String> variableNames) {
        this.kind = kind;
        this.text = text;
        this.segments = segments;
        this.variableNames = Set.copyOf(variableNames);
        this.literalCount = count(segments, SegmentKind.LITERAL);
        this.wildcardCount = count(segments, SegmentKind.ANY_ONE) + count(segments, SegmentKind.REST);
        this.capturesRest = kind == Kind.PREFIX || count(segments, SegmentKind.REST) > 0;
        this.shape = kind == Kind.TEMPLATE ? shapeOf(segments) : text;
    }

    private static String shapeOf(Segment[] segments) {
        StringBuilder shape = new StringBuilder();
        for (Segment segment : segments) {
            shape.append('/').append(switch (segment.kind()) {
                case LITERAL -> segment.text();
                case VARIABLE, ANY_ONE -> "*";
                case REST -> "**";
            });
        }
        return shape.toString();
    }

    private static int count(Segment[] segments, SegmentKind kind) {
        return (int) Arrays.stream(segments).filter(segment -> segment.kind() == kind).count();
    }

    /** Matches {@code path} and nothing else; it must already be in normal form. */
    public static PathPattern exact(String path) {
        requireNormalForm("exact path", path);
        return new PathPattern(Kind.EXACT, path, new Segment[0], Set.of());
    }

    /**
     * Matches whole segments under {@code prefix}: {@code /api} matches {@code /api}, {@code /api/} and
     * {@code /api/x} but not {@code /apix}; a prefix ending in '/' ({@code /api/}, {@code /}) matches only paths
     * below it. What follows the prefix is reported as {@link PathMatch#rest()}.
     */
    public static PathPattern prefix(String prefix) {
        requireNormalForm("path prefix", prefix);
        return new PathPattern(Kind.PREFIX, prefix, new Segment[0], Set.of());
    }

    /**
     * Compiles a template such as {@code /users/{id}/files/**}. A template without variables or wildcards is
     * the same as {@link #exact(String)}.
     *
     * @throws IllegalArgumentException naming the offending segment when the template is malformed
     */
    public static PathPattern template(String template) {
        requireStartsWithSlash("path template", template);
        String[] parts = template.substring(1).split("/", -1);
        List<Segment> segments = new ArrayList<>(parts.length);
        Set<String> names = new LinkedHashSet<>();
        for (int i = 0; i < parts.length; i++) {
            segments.add(parseSegment(template, parts[i], i == parts.length - 1, names));
        }
        if (segments.stream().allMatch(segment -> segment.kind() == SegmentKind.LITERAL)) {
            return exact(template);
        }
        return new PathPattern(Kind.TEMPLATE, template, segments.toArray(new Segment[0]), names);
    }

    private static Segment parseSegment(String template, String part, boolean last, Set<String> names) {
        if (part.equals("**") || (part.startsWith("{") && part.endsWith("=**}"))) {
            if (!last) {
                throw badTemplate(template, "'" + part + "' is only allowed as the last segment");
            }
            String name = part.equals("**") ? null : part.substring(1, part.length() - "=**}".length());
            return new Segment(SegmentKind.REST, name == null ? null : declare(template, name, names));
        }
        if (part.equals("*")) {
            return new Segment(SegmentKind.ANY_ONE, null);
        }
        if (part.startsWith("{") && part.endsWith("}")) {
            return new Segment(SegmentKind.VARIABLE, declare(template, part.substring(1, part.length() - 1), names));
        }
        if (part.indexOf('{') >= 0 || part.indexOf('}') >= 0 || part.indexOf('*') >= 0) {
            throw badTemplate(template, "segment '" + part
                    + "' mixes text with '{', '}' or '*'; variables and wildcards must be whole segments");
        }
        if (part.isEmpty() && !last) {
            throw badTemplate(template, "empty segment ('//')");
        }
        if (part.equals(".") || part.equals("..")) {
            throw badTemplate(template, "dot segment '" + part + "'; requests never contain one after normalisation");
        }
        // A literal that normalisation would rewrite (".", "%41", "%2f", ...) could never match a request.
        try {
            String normal = PathNormalizer.normalize("/" + part);
            if (!normal.equals("/" + part)) {
                throw badTemplate(template, "segment '" + part + "' is not in normal form; requests arrive as '"
                        + normal + "'");
            }
        } catch (GatewayException e) {
            throw badTemplate(template, "segment '" + part + "': " + e.detail());
        }
        return new Segment(SegmentKind.LITERAL, part);
    }

    private static String declare(String template, String name, Set<String> names) {
        if (!isVariableName(name)) {
            throw badTemplate(template, "'" + name + "' is not a variable name (letters, digits and '_', not "
                    + "starting with a digit); only '{name}' and '{name=**}' are supported");
        }
        if (!names.add(name)) {
            throw badTemplate(template, "variable '" + name + "' is declared twice");
        }
        return name;
    }

    private static boolean isVariableName(String name) {
        if (name.isEmpty() || Character.isDigit(name.charAt(0))) {
            return false;
        }
        return name.chars().allMatch(c -> c == '_' || (c < 0x80 && Character.isLetterOrDigit(c)));
    }

    private static IllegalArgumentException badTemplate(String template, String problem) {
        return new IllegalArgumentException("path template '" + template + "': " + problem);
    }

    private static void requireStartsWithSlash(String what, String path) {
        if (path == null || !path.startsWith("/")) {
            throw new IllegalArgumentException(what + " '" + path + "' must start with '/'");
        }
    }

    private static void requireNormalForm(String what, String path) {
        requireStartsWithSlash(what, path);
        String normal;
        try {
            normal = PathNormalizer.normalize(path);
        } catch (GatewayException e) {
            throw new IllegalArgumentException(what + " '" + path + "' is not a valid path: " + e.detail(), e);
        }
        if (!normal.equals(path)) {
            throw new IllegalArgumentException(what + " '" + path
                    + "' is not in normal form and could never match; requests arrive as '" + normal + "'");
        }
    }

    /** Matches an already normalised path (see {@link PathNormalizer}); empty when it does not match. */
    public Optional<PathMatch> match(String normalizedPath) {
        return match(normalizedPath, false);
    }

    /**
     * As {@link #match(String)}; with {@code ignoreCase} literal text matches whatever its case, and what is
     * captured keeps the request's case.
     */
    public Optional<PathMatch> match(String normalizedPath, boolean ignoreCase) {
        int restStart = restStart(normalizedPath, ignoreCase);
        if (restStart < 0) {
            return Optional.empty();
        }
        if (variableNames.isEmpty() && restStart >= normalizedPath.length()) {
            return NOTHING_CAPTURED;
        }
        Map<String, String> variables = Map.of();
        if (!variableNames.isEmpty()) {
            // Second walk, now recording: the first one allocated nothing, which matters while routes miss.
            variables = new HashMap<>(variableNames.size() * 2);
            walkTemplate(normalizedPath, variables, ignoreCase);
        }
        String rest = restStart >= normalizedPath.length() ? "" : normalizedPath.substring(restStart);
        return Optional.of(new PathMatch(variables, rest));
    }

    /** Where the part reported as "rest" starts (path length if none), or -1 when the path does not match. */
    private int restStart(String path, boolean ignoreCase) {
        return switch (kind) {
            case EXACT -> path.length() == text.length() && startsWith(path, text, 0, ignoreCase) ? path.length() : -1;
            case PREFIX -> prefixRestStart(path, ignoreCase);
            case TEMPLATE -> walkTemplate(path, null, ignoreCase);
        };
    }

    private static boolean startsWith(String path, String literal, int at, boolean ignoreCase) {
        return path.regionMatches(ignoreCase, at, literal, 0, literal.length());
    }

    private int prefixRestStart(String path, boolean ignoreCase) {
        if (!startsWith(path, text, 0, ignoreCase)) {
            return -1;
        }
        if (text.endsWith("/") || path.length() == text.length()) {
            return text.length();
        }
        // Segment-aware: "/api" may only continue with a new segment, never with "x" as in "/apix".
        return path.charAt(text.length()) == '/' ? text.length() + 1 : -1;
    }

    /** Walks the template over the path; fills {@code captures} when not null. Returns as {@link #restStart}. */
    private int walkTemplate(String path, Map<String, String> captures, boolean ignoreCase) {
        int length = path.length();
        int pos = 0; // at the '/' that opens the next path segment, or at length when none is left
        for (Segment segment : segments) {
            if (segment.kind() == SegmentKind.REST) {
                int restStart = pos >= length ? length : pos + 1;
                if (captures != null && segment.text() != null) {
                    captures.put(segment.text(), path.substring(restStart));
                }
                return restStart;
            }
            if (pos >= length) {
                return -1;
            }
            int start = pos + 1;
            int end = path.indexOf('/', start);
            if (end < 0) {
                end = length;
            }
            switch (segment.kind()) {
                case LITERAL -> {
                    if (end - start != segment.text().length()
                            || !startsWith(path, segment.text(), start, ignoreCase)) {
                        return -1;
                    }
                }
                case VARIABLE, ANY_ONE -> {
                    // A variable or '*' stands for a real segment, so "/users/" does not match "/users/{id}".
                    if (end == start) {
                        return -1;
                    }
                    if (captures != null && segment.text() != null) {
                        captures.put(segment.text(), path.substring(start, end));
                    }
                }
                case REST -> throw new AssertionError("handled above");
            }
            pos = end;
        }
        return pos == length ? length : -1;
    }

    /**
     * Whether both patterns match exactly the same paths, such as {@code /users/{id}} and {@code /users/*};
     * they may differ in what they call their captures.
     */
    public boolean matchesSamePathsAs(PathPattern other) {
        return kind == other.kind && shape.equals(other.shape);
    }

    /** Names this pattern captures; used to check rewrite templates at configuration time. */
    Set<String> variableNames() {
        return variableNames;
    }

    /** Whether {@link PathMatch#rest()} can be non-empty: prefixes and templates ending in {@code **}. */
    boolean capturesRest() {
        return capturesRest;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof PathPattern that && kind == that.kind && text.equals(that.text);
    }

    @Override
    public int hashCode() {
        return kind.hashCode() * 31 + text.hashCode();
    }

    /** Kind and pattern, such as {@code prefix /api}, for logs and the start-up summary. */
    @Override
    public String toString() {
        return kind.name().toLowerCase(Locale.ROOT) + " " + text;
    }
}

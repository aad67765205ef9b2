package dev.polygate.translators.model.transcoding;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A compiled HttpRule path template:
 * <pre>
 * Template = "/" Segments [ Verb ] ;
 * Segments = Segment { "/" Segment } ;
 * Segment  = "*" | "**" | LITERAL | Variable ;
 * Variable = "{" FieldPath [ "=" Segments ] "}" ;
 * Verb     = ":" LITERAL ;
 * </pre>
 * {@code **} matches zero or more segments and may only be the last segment. Matching works on segments
 * split from the raw (still percent-encoded) path so that an escaped slash never splits a segment.
 */
final class PathTemplate {

    enum Kind { LITERAL, SINGLE, MULTI }

    record Segment(Kind kind, String literal) {
    }

    /** A variable covering segments [start, end); a variable ending in {@code **} extends to the path end. */
    record Variable(String fieldPath, int start, int end, boolean endsWithMulti) {
        /** HttpRule: only a variable of exactly one single-segment pattern is decoded entirely. */
        boolean decodeSlashes() {
            return end - start == 1 && !endsWithMulti;
        }
    }

    private final String source;
    private final List<Segment> segments;
    private final List<Variable> variables;
    private final String verbSuffix;
    private final boolean endsWithMulti;
    private final int literalCount;
    private final int wildcardCount;

    private PathTemplate(String source, List<Segment> segments, List<Variable> variables, String verb) {
        this.source = source;
        this.segments = List.copyOf(segments);
        this.variables = List.copyOf(variables);
        this.verbSuffix = verb == null ? null : ":" + verb;
        this.endsWithMulti = !segments.isEmpty() && segments.get(segments.size() - 1).kind() == Kind.MULTI;
        int literals = verb == null ? 0 : 1;
        int wildcards = 0;
        for (Segment s : segments) {
            if (s.kind() == Kind.LITERAL) {
                literals++;
            } else {
                wildcards++;
            }
        }
        this.literalCount = literals;
        this.wildcardCount = wildcards;
    }

    /** @throws IllegalArgumentException with a message saying what is wrong with the template */
    static PathTemplate parse(String template) {
        return new Parser(template).parse();
    }

    String source() {
        return source;
    }

    List<Segment> segments() {
        return segments;
    }

    List<Variable> variables() {
        return variables;
    }

    /** The first segment when it is a literal (and the template has more than a verb-suffixed single segment). */
    String firstLiteral() {
        Segment first = segments.get(0);
        boolean verbOnFirst = verbSuffix != null && segments.size() == 1;
        return first.kind() == Kind.LITERAL && !verbOnFirst ? first.literal() : null;
    }

    int literalCount() {
        return literalCount;
    }

    int wildcardCount() {
        return wildcardCount;
    }

    boolean endsWithMulti() {
        return endsWithMulti;
    }

    /** The verb without its colon, or null. */
    String verb() {
        return verbSuffix == null ? null : verbSuffix.substring(1);
    }

    /** The shape without variable names: two templates of one shape match exactly the same paths. */
    String shape() {
        StringBuilder sb = new StringBuilder();
        for (Segment s : segments) {
            sb.append('/').append(s.kind() == Kind.LITERAL ? s.literal() : s.kind() == Kind.SINGLE ? "*" : "**");
        }
        return verbSuffix == null ? sb.toString() : sb.append(verbSuffix).toString();
    }

    /** A path this template matches: each wildcard and variable segment filled with {@code x}. */
    String example() {
        StringBuilder sb = new StringBuilder();
        for (Segment s : segments) {
            sb.append('/').append(s.kind() == Kind.LITERAL ? s.literal() : "x");
        }
        return verbSuffix == null ? sb.toString() : sb.append(verbSuffix).toString();
    }

    /** Whether the path matches, without decoding anything. */
    boolean matches(PathSegments path) {
        String last = lastSegment(path);
        if (last == null) {
            return false;
        }
        int n = segments.size();
        int count = path.count();
        int fixed = endsWithMulti ? n - 1 : n;
        if (endsWithMulti ? count < fixed : count != n) {
            return false;
        }
        for (int i = 0; i < fixed; i++) {
            Segment s = segments.get(i);
            boolean isLast = i == count - 1;
            String raw = isLast ? last : path.raw(i);
            if (s.kind() == Kind.LITERAL) {
                String literal = isLast && verbSuffix != null ? PathSegments.literalForm(raw) : path.literal(i);
                if (!s.literal().equals(literal)) {
                    return false;
                }
            } else if (raw.isEmpty()) {
                return false;
            }
        }
        return true;
    }

    /** The decoded variable values of a path for which {@link #matches} is true. */
    Map<String, String> bind(PathSegments path) {
        if (variables.isEmpty()) {
            return Map.of();
        }
        String last = lastSegment(path);
        Map<String, String> values = new LinkedHashMap<>();
        for (Variable v : variables) {
            int end = v.endsWithMulti() ? path.count() : v.end();
            StringBuilder raw = new StringBuilder();
            for (int i = v.start(); i < end; i++) {
                if (i > v.start()) {
                    raw.append('/');
                }
                raw.append(i == path.count() - 1 ? last : path.raw(i));
            }
            values.put(v.fieldPath(), PercentDecoder.decode(raw.toString(), !v.decodeSlashes()));
        }
        return values;
    }

    /** The last path segment with this template's verb removed, or null when the verb is missing. */
    private String lastSegment(PathSegments path) {
        String last = path.count() == 0 ? "" : path.raw(path.count() - 1);
        if (verbSuffix == null) {
            return last;
        }
        if (!last.endsWith(verbSuffix)) {
            return null;
        }
        return last.substring(0, last.length() - verbSuffix.length());
    }

    @Override
    public String toString() {
        return source;
    }

    /** Recursive-descent parser of the grammar above. */
    private static final class Parser {
        private final String text;
        private int pos;
        private final List<Segment> segments = new ArrayList<>();
        private final List<Variable> variables = new ArrayList<>();
        private final Set<String> fieldPaths = new HashSet<>();

        Parser(String text) {
            this.text = text;
        }

        PathTemplate parse() {
            if (text.isEmpty() || text.charAt(0) != '/') {
                throw new IllegalArgumentException("must start with '/'");
            }
            pos = 1;
            segments(false);
            String verb = null;
            if (pos < text.length() && text.charAt(pos) == ':') {
                pos++;
                verb = literal();
            }
            if (pos != text.length()) {
                throw error("unexpected '" + text.charAt(pos) + "'");
            }
            for (int i = 0; i < segments.size() - 1; i++) {
                if (segments.get(i).kind() == Kind.MULTI) {
                    throw new IllegalArgumentException("'**' must be the last segment");
                }
            }
            return new PathTemplate(text, segments, variables, verb);
        }

        private void segments(boolean inVariable) {
            do {
                segment(inVariable);
            } while (pos < text.length() && text.charAt(pos) == '/' && ++pos > 0);
        }

        private void segment(boolean inVariable) {
            if (text.startsWith("**", pos)) {
                pos += 2;
                segments.add(new Segment(Kind.MULTI, null));
            } else if (text.startsWith("*", pos)) {
                pos++;
                segments.add(new Segment(Kind.SINGLE, null));
            } else if (text.startsWith("{", pos)) {
                if (inVariable) {
                    throw error("variables cannot be nested");
                }
                variable();
            } else {
                segments.add(new Segment(Kind.LITERAL, literal()));
            }
        }

        private void variable() {
            pos++;
            int nameStart = pos;
            while (pos < text.length() && "=}".indexOf(text.charAt(pos)) < 0) {
                pos++;
            }
            String fieldPath = text.substring(nameStart, pos);
            if (!fieldPath.matches("[A-Za-z_][A-Za-z0-9_]*(\\.[A-Za-z_][A-Za-z0-9_]*)*")) {
                throw new IllegalArgumentException("invalid field path \"" + fieldPath + "\" at position " + nameStart);
            }
            if (!fieldPaths.add(fieldPath)) {
                throw new IllegalArgumentException("field \"" + fieldPath + "\" is bound twice");
            }
            int start = segments.size();
            if (pos < text.length() && text.charAt(pos) == '=') {
                pos++;
                segments(true);
            } else {
                segments.add(new Segment(Kind.SINGLE, null));
            }
            if (pos >= text.length() || text.charAt(pos) != '}') {
                throw error("unclosed variable \"" + fieldPath + "\"");
            }
            pos++;
            boolean multi = segments.get(segments.size() - 1).kind() == Kind.MULTI;
            variables.add(new Variable(fieldPath, start, segments.size(), multi));
        }

        private String literal() {
            int start = pos;
            while (pos < text.length() && "/{}=:*".indexOf(text.charAt(pos)) < 0) {
                char c = text.charAt(pos);
                if (c <= ' ' || c == '?' || c == '#' || c >= 0x7f) {
                    throw error("invalid character in literal");
                }
                pos++;
            }
            if (pos == start) {
                throw error(pos < text.length() ? "unexpected '" + text.charAt(pos) + "'" : "empty segment");
            }
            return PercentDecoder.decode(text.substring(start, pos), false);
        }

        private IllegalArgumentException error(String what) {
            return new IllegalArgumentException(what + " at position " + pos);
        }
    }
}

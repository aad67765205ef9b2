package dev.polygate.translators.model.transcoding;

/**
 * A raw request path split on '/' once per lookup. Segments keep their escapes (an escaped slash stays
 * inside its segment); the decoded form used to compare with literals is computed only for segments that
 * contain an escape.
 */
final class PathSegments {
    private final String[] raw;
    private final String[] literal;

    private PathSegments(String[] raw, String[] literal) {
        this.raw = raw;
        this.literal = literal;
    }

    /** Null when the path does not start with '/'. A trailing slash yields an empty last segment. */
    static PathSegments split(String path) {
        if (path.isEmpty() || path.charAt(0) != '/') {
            return null;
        }
        int count = 1;
        for (int i = 1; i < path.length(); i++) {
            if (path.charAt(i) == '/') {
                count++;
            }
        }
        String[] raw = new String[count];
        String[] literal = new String[count];
        int start = 1;
        for (int k = 0; k < count; k++) {
            int end = path.indexOf('/', start);
            if (end < 0) {
                end = path.length();
            }
            raw[k] = path.substring(start, end);
            literal[k] = literalForm(raw[k]);
            start = end + 1;
        }
        return new PathSegments(raw, literal);
    }

    /** The decoded segment, or the raw one when its escapes are malformed (it then matches no literal). */
    static String literalForm(String raw) {
        if (raw.indexOf('%') < 0) {
            return raw;
        }
        try {
            return PercentDecoder.decode(raw, true);
        } catch (IllegalArgumentException e) {
            return raw;
        }
    }

    int count() {
        return raw.length;
    }

    String raw(int i) {
        return raw[i];
    }

    String literal(int i) {
        return literal[i];
    }
}

package dev.polygate.edge.routing;

import dev.polygate.spi.GatewayException;

/**
 * Turns the normalised request path into the path sent upstream: either by a rewrite template such as
 * {@code /internal/{id}/{**}} or by stripping a leading prefix, then re-attaching the query string.
 *
 * <p>Templates are checked once by {@link #validate(String, PathPattern)} when the configuration is loaded, so
 * expanding them per request cannot fail on a well-formed configuration.
 */
public final class PathRewriter {

    private static final String REST = "**";

    private PathRewriter() {
    }

    /**
     * Builds the upstream request target.
     *
     * @param normalizedPath  the request path after {@link PathNormalizer#normalize(String)}
     * @param query           the raw query string without '?', or null
     * @param match           the route match whose captures the template refers to
     * @param stripPrefix     a leading prefix to remove segment-wise, or null; ignored when a template is given
     * @param rewriteTemplate a template whose {@code {name}} are replaced by captured variables and whose
     *                        trailing {@code {**}} is replaced by the captured rest, or null
     * @return the path, with {@code ?query} appended when the query is not empty
     */
    public static String rewrite(String normalizedPath, String query, RouteMatch<?> match, String stripPrefix,
                                 String rewriteTemplate) {
        return rewrite(normalizedPath, query, match, stripPrefix, rewriteTemplate, false);
    }

    /** As above; with {@code ignoreCase} (routes matched whatever the case) the prefix is stripped in any case. */
    public static String rewrite(String normalizedPath, String query, RouteMatch<?> match, String stripPrefix,
                                 String rewriteTemplate, boolean ignoreCase) {
        String path;
        if (rewriteTemplate != null) {
            path = expand(rewriteTemplate, match.path(), normalizedPath);
        } else if (stripPrefix != null) {
            path = strip(normalizedPath, stripPrefix, ignoreCase);
        } else {
            path = normalizedPath;
        }
        return query == null || query.isEmpty() ? path : path + '?' + query;
    }

    /** Removes {@code prefix} when it matches whole leading segments; other paths pass through unchanged. */
    private static String strip(String path, String prefix, boolean ignoreCase) {
        int prefixLength = prefix.endsWith("/") ? prefix.length() - 1 : prefix.length();
        if (prefixLength == 0 || !path.regionMatches(ignoreCase, 0, prefix, 0, prefixLength)) {
            return path;
        }
        if (path.length() == prefixLength) {
            return "/";
        }
        return path.charAt(prefixLength) == '/' ? path.substring(prefixLength) : path;
    }

    private static String expand(String template, PathMatch captured, String requestPath) {
        StringBuilder out = new StringBuilder(template.length() + requestPath.length());
        int i = 0;
        while (i < template.length()) {
            int open = template.indexOf('{', i);
            if (open < 0) {
                out.append(template, i, template.length());
                break;
            }
            out.append(template, i, open);
            int close = template.indexOf('}', open);
            if (close < 0) {
                throw new IllegalArgumentException("rewrite template '" + template + "': unclosed '{'");
            }
            String name = template.substring(open + 1, close);
            if (REST.equals(name)) {
                appendRest(out, captured.rest(), requestPath);
            } else {
                String value = captured.variables().get(name);
                if (value == null) {
                    throw new IllegalArgumentException("rewrite template '" + template + "': variable '" + name
                            + "' was not captured by the route");
                }
                out.append(value);
            }
            i = close + 1;
        }
        return out.toString();
    }

    /**
     * An empty rest also drops the '/' written before {@code {**}}, so {@code /users/42} becomes
     * {@code /internal/42} rather than {@code /internal/42/}; the slash stays if the request itself had one.
     */
    private static void appendRest(StringBuilder out, String rest, String requestPath) {
        if (!rest.isEmpty()) {
            out.append(rest);
        } else if (out.length() > 1 && out.charAt(out.length() - 1) == '/' && !requestPath.endsWith("/")) {
            out.setLength(out.length() - 1);
        }
    }

    /**
     * Checks a rewrite template against the route's path pattern when the configuration is loaded. Does nothing
     * for a null template.
     *
     * @throws IllegalArgumentException if the template does not start with '/', has unbalanced braces, uses
     *                                  {@code {**}} anywhere but at the end or with a pattern that captures no
     *                                  rest, names a variable {@code source} does not capture, or would produce
     *                                  a path that is not in normal form
     */
    public static void validate(String template, PathPattern source) {
        if (template == null) {
            return;
        }
        if (!template.startsWith("/")) {
            throw invalid(template, "must start with '/'");
        }
        // The same template with every placeholder filled in, to check the literal parts.
        StringBuilder sample = new StringBuilder(template.length());
        int i = 0;
        while (i < template.length()) {
            char c = template.charAt(i);
            if (c == '}') {
                throw invalid(template, "'}' without '{'");
            }
            if (c != '{') {
                sample.append(c);
                i++;
                continue;
            }
            int close = template.indexOf('}', i);
            if (close < 0) {
                throw invalid(template, "unclosed '{'");
            }
            String name = template.substring(i + 1, close);
            if (REST.equals(name)) {
                if (!source.capturesRest()) {
                    throw invalid(template, "uses {**} but " + source + " captures no rest; use a prefix or a "
                            + "template ending in '**'");
                }
                if (close != template.length() - 1) {
                    throw invalid(template, "{**} is only allowed at the end");
                }
            } else if (!source.variableNames().contains(name)) {
                throw invalid(template, "names variable '" + name + "', but " + source + " captures "
                        + (source.variableNames().isEmpty() ? "none" : source.variableNames()));
            }
            sample.append('x');
            i = close + 1;
        }
        String normal;
        try {
            normal = PathNormalizer.normalize(sample.toString());
        } catch (GatewayException e) {
            throw invalid(template, e.detail());
        }
        if (!normal.equals(sample.toString())) {
            // Otherwise the upstream would receive "//", "." or ".." segments or needlessly encoded characters.
            throw invalid(template, "is not in normal form (it would resolve like '" + normal + "')");
        }
    }

    private static IllegalArgumentException invalid(String template, String problem) {
        return new IllegalArgumentException("rewrite template '" + template + "': " + problem);
    }
}

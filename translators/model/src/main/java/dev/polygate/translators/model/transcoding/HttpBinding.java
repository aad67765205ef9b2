package dev.polygate.translators.model.transcoding;

import java.util.ArrayList;
import java.util.List;

/**
 * One HTTP mapping of a method: its primary {@code google.api.http} rule, one of its
 * {@code additional_bindings}, or the generic {@code POST /package.Service/Method} mapping.
 *
 * @param httpMethod        upper-case HTTP method ({@code GET}, ..., or the kind of a {@code custom} pattern)
 * @param template          the path template as written in the rule
 * @param bodyField         {@code ""} when the request has no body, {@code "*"} when the body is the whole
 *                          request message, else the name of the top-level request field the body fills
 * @param responseBodyField {@code ""} when the response body is the whole response message, else the name of
 *                          the top-level response field that is answered
 * @param successStatus     the HTTP status of a successful unary answer: 200, or 202 Accepted for a method whose
 *                          backend takes the request and gives no answer
 */
public record HttpBinding(String httpMethod, String template, String bodyField, String responseBodyField,
                          int successStatus) {

    public HttpBinding {
        if (successStatus < 200 || successStatus > 299) {
            throw new IllegalArgumentException("a success status is 2xx, not " + successStatus);
        }
    }

    /** A binding whose success is {@code 200 OK}. */
    public HttpBinding(String httpMethod, String template, String bodyField, String responseBodyField) {
        this(httpMethod, template, bodyField, responseBodyField, 200);
    }

    /**
     * The template's segments in order, for describing the binding.
     *
     * @throws IllegalArgumentException when the template is invalid (never for a binding of an index)
     */
    public List<TemplateSegment> segments() {
        PathTemplate parsed = PathTemplate.parse(template);
        List<PathTemplate.Segment> segments = parsed.segments();
        TemplateSegment[] out = new TemplateSegment[segments.size()];
        for (PathTemplate.Variable v : parsed.variables()) {
            StringBuilder pattern = new StringBuilder();
            for (int i = v.start(); i < v.end(); i++) {
                PathTemplate.Segment s = segments.get(i);
                pattern.append(i > v.start() ? "/" : "").append(text(s));
            }
            boolean whole = v.end() - v.start() == 1;
            for (int i = v.start(); i < v.end(); i++) {
                out[i] = segment(segments.get(i), v.fieldPath(), whole, pattern.toString());
            }
        }
        List<TemplateSegment> result = new ArrayList<>(out.length);
        for (int i = 0; i < out.length; i++) {
            result.add(out[i] != null ? out[i] : segment(segments.get(i), null, false, null));
        }
        return result;
    }

    /**
     * A request path this binding matches, each wildcard and variable filled with one segment {@code x}: enough to
     * tell whether a route's paths let requests reach the binding at all.
     */
    public String examplePath() {
        return PathTemplate.parse(template).example();
    }

    /** The template's {@code :verb} without its colon, or null. */
    public String verb() {
        return PathTemplate.parse(template).verb();
    }

    private static TemplateSegment segment(PathTemplate.Segment s, String variable, boolean whole, String pattern) {
        TemplateSegment.Kind kind = switch (s.kind()) {
            case LITERAL -> TemplateSegment.Kind.LITERAL;
            case SINGLE -> TemplateSegment.Kind.SINGLE;
            case MULTI -> TemplateSegment.Kind.MULTI;
        };
        return new TemplateSegment(kind, s.literal(), variable, whole, pattern);
    }

    private static String text(PathTemplate.Segment s) {
        return switch (s.kind()) {
            case LITERAL -> s.literal();
            case SINGLE -> "*";
            case MULTI -> "**";
        };
    }
}

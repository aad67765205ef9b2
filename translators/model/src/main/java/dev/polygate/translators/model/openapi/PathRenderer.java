package dev.polygate.translators.model.openapi;

import dev.polygate.translators.model.transcoding.HttpBinding;
import dev.polygate.translators.model.transcoding.TemplateSegment;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Turns an HttpRule template into an OpenAPI path. OpenAPI path parameters are single segments, so:
 * <ul>
 *   <li>a variable that is one wildcard ({@code {author}}, {@code {genre=*}}, {@code {path=**}}) becomes a
 *       parameter named by its field path;</li>
 *   <li>a variable with a pattern ({@code {name=shelves/*}}) keeps its literals and each of its wildcards
 *       becomes a parameter named after the literal before it: {@code /v1/shelves/{shelves}}; the field is
 *       set to the whole matched text ({@code shelves/42});</li>
 *   <li>a wildcard outside any variable becomes a parameter named {@code segment}; its value is not used;</li>
 *   <li>a {@code :verb} suffix is kept as written.</li>
 * </ul>
 * Names are made unique within a path with {@code _2}, {@code _3}, ... Templates of one shape give one path.
 */
final class PathRenderer {

    /** A rendered path and its parameters in path order. */
    record RenderedPath(String path, List<Parameter> parameters) {
    }

    /**
     * One path parameter.
     *
     * @param name      the parameter name in the path
     * @param segment   the segment it stands for
     * @param fieldPath the request field it sets whole (a one-wildcard variable), else null
     */
    record Parameter(String name, TemplateSegment segment, String fieldPath) {
    }

    private PathRenderer() {
    }

    static RenderedPath render(HttpBinding binding) {
        StringBuilder path = new StringBuilder();
        List<Parameter> parameters = new ArrayList<>();
        Set<String> taken = new HashSet<>();
        String previousLiteral = null;
        for (TemplateSegment segment : binding.segments()) {
            path.append('/');
            if (segment.kind() == TemplateSegment.Kind.LITERAL) {
                path.append(segment.literal());
                previousLiteral = segment.literal();
                continue;
            }
            String base = segment.wholeVariable() ? segment.variable()
                    : segment.variable() != null && previousLiteral != null
                    && previousLiteral.matches("[A-Za-z_][A-Za-z0-9_.-]*") ? previousLiteral : "segment";
            String name = base;
            for (int n = 2; !taken.add(name); n++) {
                name = base + "_" + n;
            }
            path.append('{').append(name).append('}');
            parameters.add(new Parameter(name, segment, segment.wholeVariable() ? segment.variable() : null));
            previousLiteral = null;
        }
        String verb = binding.verb();
        if (verb != null) {
            path.append(':').append(verb);
        }
        return new RenderedPath(path.toString(), List.copyOf(parameters));
    }

    /** What a parameter stands for, for its description. */
    static String describe(Parameter parameter) {
        TemplateSegment segment = parameter.segment();
        String multi = segment.kind() == TemplateSegment.Kind.MULTI
                ? " Matches one or more path segments; their slashes must not be percent-encoded." : "";
        if (segment.variable() == null) {
            return "Any path segment; not passed to the method." + multi;
        }
        if (parameter.fieldPath() != null) {
            return "Sets the request field " + segment.variable() + "." + multi;
        }
        return "Part of the request field " + segment.variable() + ", which is set to the path text matching "
                + segment.variablePattern() + "." + multi;
    }
}

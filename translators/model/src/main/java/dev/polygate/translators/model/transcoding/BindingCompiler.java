package dev.polygate.translators.model.transcoding;

import com.google.api.HttpRule;
import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.Descriptors.MethodDescriptor;
import dev.polygate.spi.ConfigException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.ToIntFunction;

/** Validates HttpRules against their method's message types and compiles them into routes. */
final class BindingCompiler {

    private final FieldNames names = new FieldNames();
    private final List<RouteTable.Route> routes = new ArrayList<>();
    private final List<ConfigException.Problem> problems = new ArrayList<>();
    /** "METHOD shape" → the binding that claimed it, to report two bindings that match the same paths. */
    private final Map<String, String> shapes = new HashMap<>();
    private final ToIntFunction<MethodDescriptor> successStatus;
    private final Function<MethodDescriptor, String> placeOf;

    BindingCompiler(ToIntFunction<MethodDescriptor> successStatus, Function<MethodDescriptor, String> placeOf) {
        this.successStatus = successStatus;
        this.placeOf = placeOf;
    }

    void add(MethodDescriptor method, HttpRule rule) {
        String path = HttpRuleReader.path(rule);
        String httpMethod = HttpRuleReader.httpMethod(rule);
        if (httpMethod == null) {
            problem(method, path, rule.hasCustom() ? "custom pattern without a kind" : "no HTTP method and path");
            return;
        }
        PathTemplate template;
        try {
            template = PathTemplate.parse(path);
        } catch (IllegalArgumentException e) {
            problem(method, httpMethod + " " + path, "invalid path template: " + e.getMessage());
            return;
        }
        String where = httpMethod + " " + path;
        boolean ok = checkVariables(method, where, template);
        ok &= checkTopLevelField(method, where, "body", rule.getBody(), method.getInputType(), true);
        ok &= checkTopLevelField(method, where, "response_body", rule.getResponseBody(), method.getOutputType(), false);
        if (!ok) {
            return;
        }
        String owner = method.getFullName() + " (" + where + ")";
        String previous = shapes.putIfAbsent(httpMethod + " " + template.shape(), owner);
        if (previous != null) {
            problem(method, where, "matches the same paths as " + previous);
            return;
        }
        HttpBinding binding = new HttpBinding(httpMethod, path, rule.getBody(), rule.getResponseBody(),
                successStatus.applyAsInt(method));
        routes.add(new RouteTable.Route(template, method, binding, routes.size()));
    }

    private boolean checkVariables(MethodDescriptor method, String where, PathTemplate template) {
        boolean ok = true;
        for (PathTemplate.Variable v : template.variables()) {
            FieldDescriptor[] fields = names.resolve(method.getInputType(), v.fieldPath());
            if (fields == null) {
                ok = false;
                problem(method, where, "path variable \"" + v.fieldPath() + "\" is not a field of "
                        + method.getInputType().getFullName());
                continue;
            }
            FieldDescriptor leaf = fields[fields.length - 1];
            if (leaf.isRepeated() || !FieldNames.acceptsText(leaf)) {
                ok = false;
                problem(method, where, "path variable \"" + v.fieldPath()
                        + "\" must name a singular scalar field, not a " + describe(leaf));
            }
        }
        return ok;
    }

    private boolean checkTopLevelField(MethodDescriptor method, String where, String option, String name,
                                       Descriptor type, boolean allowStar) {
        if (name.isEmpty() || (allowStar && name.equals("*"))) {
            return true;
        }
        if (type.findFieldByName(name) == null) {
            problem(method, where, option + " \"" + name + "\" is not a top-level field of " + type.getFullName());
            return false;
        }
        return true;
    }

    private static String describe(FieldDescriptor f) {
        if (f.isMapField()) {
            return "map field";
        }
        String kind = f.getJavaType() == FieldDescriptor.JavaType.MESSAGE ? "message field" : "field";
        return f.isRepeated() ? "repeated " + kind : kind;
    }

    void problem(MethodDescriptor method, String where, String message) {
        String prefix = method.getService().getFullName() + "/" + method.getName();
        problems.add(new ConfigException.Problem(placeOf.apply(method),
                prefix + (where.isEmpty() ? "" : " " + where) + ": " + message));
    }

    void throwIfProblems() throws ConfigException {
        if (!problems.isEmpty()) {
            throw new ConfigException(problems);
        }
    }

    List<RouteTable.Route> routes() {
        return routes;
    }
}

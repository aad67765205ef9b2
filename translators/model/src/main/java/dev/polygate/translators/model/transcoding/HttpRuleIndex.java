package dev.polygate.translators.model.transcoding;

import com.google.api.HttpRule;
import com.google.protobuf.Descriptors;
import com.google.protobuf.Descriptors.MethodDescriptor;
import com.google.protobuf.InvalidProtocolBufferException;
import dev.polygate.spi.ConfigException;
import dev.polygate.spi.ErrorKind;
import dev.polygate.spi.GatewayException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.function.ToIntFunction;

/**
 * Immutable index of every HTTP binding of a set of services: each method's {@code google.api.http} rule and
 * its {@code additional_bindings}, plus the generic {@code POST /package.Service/Method} binding (body
 * {@code "*"}) that every method has, annotated or not.
 *
 * <p>Lookups look at the templates of the request's HTTP method whose first literal segment equals the
 * path's first segment, plus those starting with a variable or wildcard. When several templates match,
 * the one with more literal segments wins (a {@code :verb} counts as one), then the one with fewer wildcard
 * segments, then one without {@code **}, then the one declared first.
 *
 * <p>Path variables are percent-decoded; a variable spanning several segments ({@code {name=shelves/*}},
 * {@code {path=**}}) keeps {@code %2F} encoded, as HttpRule specifies. A trailing slash is an empty
 * segment, which no wildcard matches.
 */
public final class HttpRuleIndex {

    private static final RuleLookup NOT_FOUND = new RuleLookup.NotFound();

    private final Map<String, RouteTable> byMethod;
    private final List<String> descriptions;
    private final List<MethodBinding> bindings;

    private HttpRuleIndex(Map<String, RouteTable> byMethod, List<String> descriptions, List<MethodBinding> bindings) {
        this.byMethod = byMethod;
        this.descriptions = descriptions;
        this.bindings = bindings;
    }

    /**
     * Bad templates, bad body or response_body field names, path variables naming missing or non-scalar
     * fields, nested additional_bindings and two bindings of one shape → ConfigException naming service,
     * method and template.
     */
    public static HttpRuleIndex build(List<Descriptors.ServiceDescriptor> services) throws ConfigException {
        return build(services, method -> 200);
    }

    /**
     * As {@link #build(List)}, every binding of a method answering success with {@code successStatus} of it
     * (see {@link HttpBinding#successStatus()}).
     */
    public static HttpRuleIndex build(List<Descriptors.ServiceDescriptor> services,
                                      ToIntFunction<MethodDescriptor> successStatus) throws ConfigException {
        return build(services, successStatus, method -> "");
    }

    /**
     * As {@link #build(List, ToIntFunction)}, each problem of a method reported at {@code placeOf} it: the
     * configuration key its bindings come from (relative to the caller's section; {@code ""} for the section).
     */
    public static HttpRuleIndex build(List<Descriptors.ServiceDescriptor> services,
                                      ToIntFunction<MethodDescriptor> successStatus,
                                      Function<MethodDescriptor, String> placeOf) throws ConfigException {
        BindingCompiler compiler = new BindingCompiler(successStatus, placeOf);
        for (Descriptors.ServiceDescriptor service : services) {
            for (MethodDescriptor method : service.getMethods()) {
                addMethod(compiler, method);
            }
        }
        compiler.throwIfProblems();
        Map<String, RouteTable> tables = new HashMap<>();
        List<String> descriptions = new ArrayList<>();
        List<MethodBinding> bindings = new ArrayList<>();
        for (RouteTable.Route route : compiler.routes()) {
            tables.computeIfAbsent(route.binding().httpMethod(), k -> new RouteTable()).add(route);
            descriptions.add(describe(route));
            // An annotated POST rule cannot take the generic template: it would claim the same shape twice.
            boolean generic = route.binding().httpMethod().equals("POST")
                    && route.binding().template().equals(genericPath(route.method()));
            bindings.add(new MethodBinding(route.method(), route.binding(), generic));
        }
        tables.values().forEach(RouteTable::freeze);
        return new HttpRuleIndex(Map.copyOf(tables), List.copyOf(descriptions), List.copyOf(bindings));
    }

    private static void addMethod(BindingCompiler compiler, MethodDescriptor method) {
        HttpRule rule;
        try {
            rule = HttpRuleReader.read(method).orElse(null);
        } catch (InvalidProtocolBufferException e) {
            compiler.problem(method, "", "the google.api.http option cannot be decoded");
            return;
        }
        if (rule != null) {
            compiler.add(method, rule);
            for (HttpRule additional : rule.getAdditionalBindingsList()) {
                if (additional.getAdditionalBindingsCount() > 0) {
                    compiler.problem(method, HttpRuleReader.path(additional),
                            "additional_bindings cannot contain additional_bindings");
                    continue;
                }
                compiler.add(method, additional);
            }
        }
        compiler.add(method, HttpRule.newBuilder().setPost(genericPath(method)).setBody("*").build());
    }

    private static String genericPath(MethodDescriptor method) {
        return "/" + method.getService().getFullName() + "/" + method.getName();
    }

    /**
     * Finds the binding for a request.
     *
     * @param httpMethod the request method (compared case-insensitively)
     * @param rawPath    the raw request path WITHOUT query string (still percent-encoded)
     * @throws GatewayException BAD_REQUEST when a path variable holds a malformed percent-escape
     */
    public RuleLookup lookup(String httpMethod, String rawPath) {
        PathSegments path = PathSegments.split(rawPath);
        if (path == null) {
            return NOT_FOUND;
        }
        String method = httpMethod.toUpperCase(Locale.ROOT);
        RouteTable table = byMethod.get(method);
        RouteTable.Route route = table == null ? null : table.find(path);
        if (route == null && method.equals("HEAD")) {
            // HEAD is GET without the body (RFC 9110 9.3.2): the edge drops the body and keeps the head.
            RouteTable get = byMethod.get("GET");
            route = get == null ? null : get.find(path);
        }
        if (route != null) {
            Map<String, String> variables;
            try {
                variables = route.template().bind(path);
            } catch (IllegalArgumentException e) {
                throw new GatewayException(ErrorKind.BAD_REQUEST, "Malformed path: " + e.getMessage());
            }
            return new RuleLookup.Found(new RuleMatch(route.method(), route.binding(), variables));
        }
        TreeSet<String> allowed = new TreeSet<>();
        byMethod.forEach((other, otherTable) -> {
            if (otherTable.find(path) != null) {
                allowed.add(other);
            }
        });
        if (allowed.contains("GET")) {
            allowed.add("HEAD");
        }
        return allowed.isEmpty() ? NOT_FOUND : new RuleLookup.MethodNotAllowed(allowed);
    }

    /** Every binding with its method, in declaration order (a method's generic binding comes after its rules). */
    public List<MethodBinding> bindings() {
        return bindings;
    }

    /** One line per binding, in declaration order, e.g. {@code GET /v1/{name=shelves/*} -> pkg.Service/Method}. */
    public List<String> describe() {
        return descriptions;
    }

    private static String describe(RouteTable.Route route) {
        HttpBinding b = route.binding();
        StringBuilder sb = new StringBuilder()
                .append(b.httpMethod()).append(' ').append(b.template())
                .append(" -> ").append(route.method().getService().getFullName())
                .append('/').append(route.method().getName());
        if (!b.bodyField().isEmpty()) {
            sb.append(" (body: ").append(b.bodyField()).append(')');
        }
        if (!b.responseBodyField().isEmpty()) {
            sb.append(" (response_body: ").append(b.responseBodyField()).append(')');
        }
        return sb.toString();
    }
}

package dev.polygate.translators.soap;

import com.google.protobuf.Descriptors.MethodDescriptor;
import dev.polygate.spi.ConfigProblems;
import dev.polygate.spi.RoutePaths;
import dev.polygate.translators.model.transcoding.HttpRuleIndex;
import dev.polygate.translators.model.transcoding.MethodBinding;
import dev.polygate.translators.model.wire.GrpcRoutePaths;
import dev.polygate.translators.soap.wsdl.WsdlOperation;
import dev.polygate.translators.soap.wsdl.WsdlPort;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * What a soap route's section says that the WSDL and the route's paths contradict: an {@code operations} entry
 * naming no operation of the port, and REST or gRPC paths that no request could reach.
 */
final class SoapRouteChecks {
    private SoapRouteChecks() {
    }

    /** Each {@code operations} entry must name an operation of the port, exactly as the WSDL spells it. */
    static void operationNames(SoapRouteConfig route, WsdlPort port, ConfigProblems problems) {
        List<String> names = port.operations().stream().map(WsdlOperation::name).toList();
        for (String entry : route.operations().keySet()) {
            if (names.contains(entry)) {
                continue;
            }
            String sameButCase = names.stream().filter(name -> name.equalsIgnoreCase(entry)).findFirst().orElse(null);
            problems.add("operations." + entry, "port " + port.name() + " has no operation '" + entry + "'"
                    + (sameButCase != null ? "; did you mean '" + sameButCase + "'? (names are case-sensitive)"
                    : "; its operations: " + String.join(", ", names)));
        }
    }

    /** Where a method's REST bindings come from: its {@code operations} entry, else the {@code prefix}. */
    static Function<MethodDescriptor, String> placeOf(SoapApi api, SoapRouteConfig route) {
        return method -> {
            String operation = operationOf(api, method);
            return route.operations().containsKey(operation) ? "operations." + operation + ".path" : "prefix";
        };
    }

    /**
     * Every gRPC path of the route must name the port's service, and every REST binding must be reachable through
     * the route's paths, unless the route has gRPC paths only: a route for gRPC clients alone.
     */
    static void reach(SoapApi api, SoapRouteConfig route, HttpRuleIndex rules, RoutePaths paths,
                      ConfigProblems problems) {
        String service = api.service().getFullName();
        GrpcRoutePaths.checkServices(paths, service::equals, "this route's SOAP service (" + service + ")", problems);
        if (paths.entries().stream().allMatch(entry -> GrpcRoutePaths.serviceOf(entry).isPresent())) {
            return;
        }
        List<String> unreached = new ArrayList<>();
        String prefix = null;
        for (MethodBinding binding : rules.bindings()) {
            if (binding.generic() || paths.matches(binding.binding().examplePath())) {
                continue;
            }
            String operation = operationOf(api, binding.method());
            String template = binding.binding().template();
            if (route.operations().containsKey(operation)) {
                problems.add("operations." + operation + ".path", "'" + template + "' is outside the route's paths ("
                        + describe(paths) + "); no request could reach operation " + operation);
            } else {
                unreached.add(operation);
                prefix = template.substring(0, template.lastIndexOf('/'));
            }
        }
        if (!unreached.isEmpty()) {
            String where = prefix.isEmpty() ? "/" : prefix;
            problems.add("prefix", "the route's paths (" + describe(paths) + ") do not cover the REST prefix "
                    + where + (route.prefix() == null ? " (the default, from the service's name)" : "")
                    + ": no request could reach " + (unreached.size() == rules.bindings().stream()
                    .filter(b -> !b.generic()).count() ? "any operation" : "operations " + String.join(", ", unreached))
                    + "; add " + prefix + "/** to the route's match paths or set prefix");
        }
    }

    private static String operationOf(SoapApi api, MethodDescriptor method) {
        OperationBinding binding = api.bindings().get(method.getFullName());
        return binding == null ? method.getName() : binding.name();
    }

    private static String describe(RoutePaths paths) {
        return paths.entries().stream()
                .map(e -> e.prefix() ? "prefix " + e.value() : e.value()).collect(Collectors.joining(", "));
    }
}

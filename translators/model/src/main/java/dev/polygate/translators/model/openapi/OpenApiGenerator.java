package dev.polygate.translators.model.openapi;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.protobuf.Descriptors.FileDescriptor;
import com.google.protobuf.Descriptors.MethodDescriptor;
import com.google.protobuf.Descriptors.ServiceDescriptor;
import dev.polygate.translators.model.transcoding.HttpRuleIndex;
import dev.polygate.translators.model.transcoding.MethodBinding;
import dev.polygate.translators.model.transcoding.TranscodingOptions;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Writes the OpenAPI 3.1 document of services reached through their google.api.http bindings: one operation
 * per binding, schemas and error responses in the route's {@link JsonDialect} (by default the proto3 JSON
 * mapping under the route's field naming, errors as {@code google.rpc.Status}). Bindings whose HTTP method
 * OpenAPI cannot express (a {@code custom} kind such as {@code MOVE}) are listed under
 * {@code x-polygate-unlisted-bindings} instead. The document's {@code info.version} is a fingerprint of the
 * services' .proto files, so it changes exactly when their schema does.
 */
public final class OpenApiGenerator {

    /** Which generic {@code POST /package.Service/Method} bindings become operations. */
    public enum GenericBindings {
        /** None: only the bindings the .proto files declare. */
        NONE,
        /** Those of methods without a google.api.http rule, whose only REST binding they are (the default). */
        UNANNOTATED,
        /** Every method's. */
        ALL
    }

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final Set<String> OPENAPI_METHODS = Set.of("GET", "PUT", "POST", "DELETE", "OPTIONS", "HEAD",
            "PATCH", "TRACE");

    private OpenApiGenerator() {
    }

    /** The document as a JSON tree. */
    public static ObjectNode generate(List<ServiceDescriptor> services, HttpRuleIndex rules,
                                      TranscodingOptions options, GenericBindings generic) {
        return generate(services, rules, JsonDialect.proto3(options), generic);
    }

    /** The document as a JSON tree, its schemas and error responses in the given dialect. */
    public static ObjectNode generate(List<ServiceDescriptor> services, HttpRuleIndex rules, JsonDialect dialect,
                                      GenericBindings generic) {
        SchemaCatalog schemas = new SchemaCatalog(dialect);
        OperationBuilder operations = new OperationBuilder(schemas);
        Set<MethodDescriptor> annotated = new HashSet<>();
        rules.bindings().stream().filter(b -> !b.generic()).forEach(b -> annotated.add(b.method()));
        TreeMap<String, ObjectNode> paths = new TreeMap<>();
        Set<String> operationIds = new HashSet<>();
        ArrayNode unlisted = JSON.arrayNode();
        for (MethodBinding bound : rules.bindings()) {
            if (bound.generic() && (generic == GenericBindings.NONE
                    || (generic == GenericBindings.UNANNOTATED && annotated.contains(bound.method())))) {
                continue;
            }
            String httpMethod = bound.binding().httpMethod();
            PathRenderer.RenderedPath path = PathRenderer.render(bound.binding());
            ObjectNode item = paths.computeIfAbsent(path.path(), p -> JSON.objectNode());
            String key = httpMethod.toLowerCase(Locale.ROOT);
            if (!OPENAPI_METHODS.contains(httpMethod) || item.has(key)) {
                unlisted.add(httpMethod + " " + bound.binding().template() + " -> "
                        + bound.method().getService().getFullName() + "/" + bound.method().getName());
                continue;
            }
            item.set(key, operations.build(bound, path, operationId(bound, operationIds)));
        }
        ObjectNode document = JSON.objectNode().put("openapi", "3.1.0");
        ObjectNode info = document.putObject("info");
        info.put("title", services.isEmpty() ? "No services"
                : String.join(", ", services.stream().map(ServiceDescriptor::getFullName).toList()));
        info.put("version", fingerprint(services));
        info.put("description", schemas.apiDescription());
        ArrayNode tags = document.putArray("tags");
        services.forEach(s -> tags.addObject().put("name", s.getFullName()));
        ObjectNode pathsNode = document.putObject("paths");
        paths.forEach((path, item) -> {
            if (!item.isEmpty()) {
                pathsNode.set(path, item);
            }
        });
        document.putObject("components").set("schemas", schemas.components());
        if (!unlisted.isEmpty()) {
            document.set("x-polygate-unlisted-bindings", unlisted);
        }
        return document;
    }

    /** The document as pretty-printed UTF-8 JSON. */
    public static byte[] render(ObjectNode document) {
        try {
            return MAPPER.writerWithDefaultPrettyPrinter().writeValueAsBytes(document);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * {@code Service_Method}, then {@code _2}, ... for further bindings; a generic binding listed beside the
     * method's rules is {@code Service_Method_generic}.
     */
    private static String operationId(MethodBinding bound, Set<String> taken) {
        MethodDescriptor method = bound.method();
        String base = method.getService().getName() + "_" + method.getName();
        if (bound.generic() && taken.contains(base)) {
            base = base + "_generic";
        }
        String id = base;
        for (int n = 2; !taken.add(id); n++) {
            id = base + "_" + n;
        }
        return id;
    }

    private static String fingerprint(List<ServiceDescriptor> services) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            TreeSet<String> seen = new TreeSet<>();
            for (ServiceDescriptor service : services) {
                FileDescriptor file = service.getFile();
                if (seen.add(file.getName())) {
                    digest.update(file.toProto().toByteArray());
                }
            }
            return HexFormat.of().formatHex(digest.digest(), 0, 6);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is always available", e);
        }
    }
}

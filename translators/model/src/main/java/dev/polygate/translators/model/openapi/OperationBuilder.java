package dev.polygate.translators.model.openapi;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.Descriptors.MethodDescriptor;
import dev.polygate.translators.model.transcoding.HttpBinding;
import dev.polygate.translators.model.transcoding.MethodBinding;
import dev.polygate.translators.model.transcoding.QueryFields;
import io.netty.handler.codec.http.HttpResponseStatus;
import java.util.HashSet;
import java.util.Set;

/**
 * One binding as an OpenAPI operation, following the transcoder: path parameters set their fields, the
 * body is the whole request ({@code body: "*"}, no query then) or one field, query parameters set the
 * scalar fields neither binds; the answer is the response (or its {@code response_body} field) under the
 * binding's success status, NDJSON or Server-Sent Events for server streaming; the schemas and the error
 * responses are the route's {@link JsonDialect}.
 */
final class OperationBuilder {
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private final SchemaCatalog schemas;

    OperationBuilder(SchemaCatalog schemas) {
        this.schemas = schemas;
    }

    ObjectNode build(MethodBinding bound, PathRenderer.RenderedPath path, String operationId) {
        MethodDescriptor method = bound.method();
        HttpBinding binding = bound.binding();
        ObjectNode operation = JSON.objectNode();
        operation.putArray("tags").add(method.getService().getFullName());
        operation.put("summary", method.getName());
        operation.put("description", description(bound));
        operation.put("operationId", operationId);
        Set<String> boundPaths = new HashSet<>();
        ArrayNode parameters = JSON.arrayNode();
        for (PathRenderer.Parameter p : path.parameters()) {
            ObjectNode parameter = parameters.addObject().put("name", p.name()).put("in", "path")
                    .put("required", true).put("description", PathRenderer.describe(p));
            FieldDescriptor[] fields = p.segment().variable() == null ? null
                    : FieldPaths.resolve(method.getInputType(), p.segment().variable());
            if (fields != null) {
                boundPaths.add(FieldPaths.protoPath(fields));
            }
            parameter.set("schema", p.fieldPath() != null && fields != null
                    ? schemas.valueSchema(fields[fields.length - 1]) : JSON.objectNode().put("type", "string"));
        }
        String body = binding.bodyField();
        if (!body.isEmpty() && !body.equals("*")) {
            boundPaths.add(body);
        }
        if (!body.equals("*")) {
            queryParameters(method.getInputType(), "", "", boundPaths, new HashSet<>(), parameters);
        }
        if (!parameters.isEmpty()) {
            operation.set("parameters", parameters);
        }
        if (!body.isEmpty()) {
            operation.set("requestBody", requestBody(method, body, boundPaths));
        }
        operation.set("responses", responses(method, binding));
        return operation;
    }

    private static String description(MethodBinding bound) {
        MethodDescriptor method = bound.method();
        String kind = method.isClientStreaming() && method.isServerStreaming() ? "Bidirectional streaming"
                : method.isClientStreaming() ? "Client streaming" : method.isServerStreaming() ? "Server streaming"
                : "Unary";
        String text = kind + " method " + method.getService().getFullName() + "/" + method.getName() + ".";
        if (method.isClientStreaming()) {
            text += " The request body holds the messages as a JSON array or as newline-delimited JSON.";
        }
        if (bound.generic()) {
            text += " The generic binding every method has: the body is the whole request message.";
        }
        return text;
    }

    /** Scalar fields the path and body leave unbound, nested ones as {@code a.b}; messages once per path. */
    private void queryParameters(Descriptor type, String prefix, String protoPrefix, Set<String> bound,
                                 Set<Descriptor> visiting, ArrayNode out) {
        if (!visiting.add(type)) {
            return; // a recursive message: its fields are already offered one level up
        }
        for (FieldDescriptor field : type.getFields()) {
            String protoPath = protoPrefix + field.getName();
            if (bound.contains(protoPath)) {
                continue;
            }
            String name = prefix + schemas.propertyName(field);
            if (QueryFields.settable(field)) {
                ObjectNode parameter = out.addObject().put("name", name).put("in", "query");
                parameter.set("schema", schemas.fieldSchema(field));
                if (field.isRepeated()) {
                    parameter.put("style", "form").put("explode", true)
                            .put("description", "Repeat the parameter for each value");
                }
            } else if (QueryFields.traversable(field)) {
                queryParameters(field.getMessageType(), name + ".", protoPath + ".", bound, visiting, out);
            }
        }
        visiting.remove(type);
    }

    private ObjectNode requestBody(MethodDescriptor method, String body, Set<String> bound) {
        ObjectNode schema;
        if (body.equals("*")) {
            // Top-level fields the path sets are left out: the path would override them anyway.
            boolean anyTopLevel = method.getInputType().getFields().stream().anyMatch(f -> bound.contains(f.getName()));
            schema = anyTopLevel
                    ? schemas.objectSchema(method.getInputType(), f -> bound.contains(f.getName()), false)
                    : schemas.ref(method.getInputType());
        } else {
            schema = schemas.fieldSchema(method.getInputType().findFieldByName(body));
        }
        ObjectNode requestBody = JSON.objectNode();
        ObjectNode content = requestBody.putObject("content");
        if (method.isClientStreaming()) {
            ObjectNode array = content.putObject("application/json").putObject("schema").put("type", "array");
            array.set("items", schema);
            content.putObject("application/x-ndjson").set("schema", schema.deepCopy());
        } else {
            content.putObject("application/json").set("schema", schema);
        }
        return requestBody;
    }

    private ObjectNode responses(MethodDescriptor method, HttpBinding binding) {
        String field = binding.responseBodyField();
        ObjectNode schema = field.isEmpty() ? schemas.ref(method.getOutputType())
                : schemas.fieldSchema(method.getOutputType().findFieldByName(field));
        ObjectNode responses = JSON.objectNode();
        ObjectNode ok = responses.putObject(method.isServerStreaming() ? "200" : String.valueOf(binding.successStatus()));
        ObjectNode content = ok.putObject("content");
        if (method.isServerStreaming()) {
            ok.put("description", "A stream of messages, each written as it arrives. A failure after the first "
                    + "message ends the stream with a last line {\"error\": google.rpc.Status} (NDJSON) or an event "
                    + "named error with that data (SSE).");
            content.putObject("application/x-ndjson").set("schema", schema);
            content.putObject("text/event-stream").putObject("schema").put("type", "string")
                    .put("description", "Server-Sent Events chosen by Accept: text/event-stream; the data of each "
                            + "event is one message as JSON, with the schema of application/x-ndjson");
        } else {
            ok.put("description", HttpResponseStatus.valueOf(binding.successStatus()).reasonPhrase());
            content.putObject("application/json").set("schema", schema);
        }
        schemas.errorResponses(method, responses);
        return responses;
    }
}

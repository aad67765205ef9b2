package dev.polygate.translators.model.transcoding;

import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.Descriptors.MethodDescriptor;
import dev.polygate.spi.ErrorKind;
import dev.polygate.spi.GatewayException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** What one binding needs per request, resolved once: the body mode and field, and the path variable fields. */
final class RequestPlan {

    enum BodyMode {
        /** The request has no body (it is ignored). */
        NONE,
        /** body: "*": the body is the whole request message; the query is not consulted. */
        WHOLE,
        /** body: "field" naming a singular message field: the body is that message. */
        MESSAGE_FIELD,
        /** body: "field" naming a repeated, map or scalar field: the body is that field's JSON value. */
        VALUE_FIELD
    }

    final Descriptor inputType;
    final BodyMode bodyMode;
    final FieldDescriptor bodyField;
    final Map<String, FieldDescriptor[]> pathFields;
    /** Proto paths set by the path, each with what binds it, for refusing query parameters that set them too. */
    final List<String[]> boundPaths;

    private RequestPlan(Descriptor inputType, BodyMode bodyMode, FieldDescriptor bodyField,
                        Map<String, FieldDescriptor[]> pathFields, List<String[]> boundPaths) {
        this.inputType = inputType;
        this.bodyMode = bodyMode;
        this.bodyField = bodyField;
        this.pathFields = pathFields;
        this.boundPaths = boundPaths;
    }

    static RequestPlan of(MethodDescriptor method, HttpBinding binding, FieldNames names) {
        Descriptor input = method.getInputType();
        List<String[]> bound = new ArrayList<>();
        Map<String, FieldDescriptor[]> pathFields = new HashMap<>();
        PathTemplate template;
        try {
            template = PathTemplate.parse(binding.template());
        } catch (IllegalArgumentException e) {
            throw new GatewayException(ErrorKind.INTERNAL, "The HTTP binding of " + method.getFullName()
                    + " has an invalid template: " + e.getMessage());
        }
        for (PathTemplate.Variable v : template.variables()) {
            FieldDescriptor[] fields = names.resolve(input, v.fieldPath());
            if (fields == null) {
                throw notAField(method, v.fieldPath());
            }
            pathFields.put(v.fieldPath(), fields);
            bound.add(new String[] {FieldNames.protoPath(fields), "the path"});
        }
        String body = binding.bodyField();
        if (body.isEmpty()) {
            return new RequestPlan(input, BodyMode.NONE, null, Map.copyOf(pathFields), List.copyOf(bound));
        }
        if (body.equals("*")) {
            return new RequestPlan(input, BodyMode.WHOLE, null, Map.copyOf(pathFields), List.copyOf(bound));
        }
        FieldDescriptor field = input.findFieldByName(body);
        if (field == null) {
            throw notAField(method, body);
        }
        bound.add(new String[] {field.getName(), "the request body"});
        BodyMode mode = FieldNames.isSingularMessage(field) ? BodyMode.MESSAGE_FIELD : BodyMode.VALUE_FIELD;
        return new RequestPlan(input, mode, field, Map.copyOf(pathFields), List.copyOf(bound));
    }

    private static GatewayException notAField(MethodDescriptor method, String path) {
        return new GatewayException(ErrorKind.INTERNAL,
                "The HTTP binding of " + method.getFullName() + " names \"" + path + "\", which is not a request field");
    }
}

package dev.polygate.translators.model.openapi;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Descriptors.EnumDescriptor;
import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.Descriptors.MethodDescriptor;
import java.util.TreeMap;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * The {@code components.schemas} of one document and the schemas of its operations, in the route's
 * {@link JsonDialect}. Every message and enum reached becomes one entry named by its full name and is
 * referenced with {@code $ref}, which also covers recursive messages.
 */
final class SchemaCatalog implements SchemaRefs {
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;
    private static final String PREFIX = "#/components/schemas/";

    private final JsonDialect dialect;
    /** Sorted, so that a document's text does not depend on the order operations are visited. */
    private final TreeMap<String, ObjectNode> components = new TreeMap<>();

    SchemaCatalog(JsonDialect dialect) {
        this.dialect = dialect;
    }

    ObjectNode components() {
        ObjectNode schemas = JSON.objectNode();
        components.forEach(schemas::set);
        return schemas;
    }

    String propertyName(FieldDescriptor field) {
        return dialect.propertyName(field);
    }

    @Override
    public ObjectNode ref(Descriptor message) {
        return ref(message.getFullName(), () -> dialect.messageSchema(message, this));
    }

    @Override
    public ObjectNode ref(EnumDescriptor type) {
        return ref(type.getFullName(), () -> dialect.enumSchema(type));
    }

    @Override
    public ObjectNode ref(String name, Supplier<ObjectNode> schema) {
        if (!components.containsKey(name)) {
            components.put(name, JSON.objectNode()); // placeholder first: a recursive message finds itself
            components.put(name, schema.get());
        }
        return JSON.objectNode().put("$ref", PREFIX + name);
    }

    ObjectNode objectSchema(Descriptor message, Predicate<FieldDescriptor> leaveOut, boolean titled) {
        return dialect.objectSchema(message, leaveOut, titled, this);
    }

    ObjectNode fieldSchema(FieldDescriptor field) {
        return dialect.fieldSchema(field, this);
    }

    ObjectNode valueSchema(FieldDescriptor field) {
        return dialect.valueSchema(field, this);
    }

    void errorResponses(MethodDescriptor method, ObjectNode responses) {
        dialect.errorResponses(method, responses, this);
    }

    String apiDescription() {
        return dialect.apiDescription();
    }
}

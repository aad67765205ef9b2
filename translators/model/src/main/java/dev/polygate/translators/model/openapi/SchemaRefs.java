package dev.polygate.translators.model.openapi;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Descriptors.EnumDescriptor;
import java.util.function.Supplier;

/**
 * References into a document's {@code components.schemas}: each named schema is made once, on its first
 * reference, and every use is a {@code {"$ref": "#/components/schemas/<name>"}}.
 */
public interface SchemaRefs {

    /** A message type, named by its full name; its schema is the dialect's {@link JsonDialect#messageSchema}. */
    ObjectNode ref(Descriptor message);

    /** An enum type, named by its full name; its schema is the dialect's {@link JsonDialect#enumSchema}. */
    ObjectNode ref(EnumDescriptor type);

    /** A schema of the dialect's own, such as an error body, made by {@code schema} on first use. */
    ObjectNode ref(String name, Supplier<ObjectNode> schema);
}

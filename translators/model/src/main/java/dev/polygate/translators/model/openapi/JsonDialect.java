package dev.polygate.translators.model.openapi;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Descriptors.EnumDescriptor;
import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.Descriptors.MethodDescriptor;
import dev.polygate.translators.model.transcoding.TranscodingOptions;
import java.util.function.Predicate;

/**
 * What an OpenAPI document says about an API's JSON: the JSON Schemas of its messages, enums and fields, and
 * the error responses of its operations. It must describe the JSON the route's
 * {@link dev.polygate.translators.model.transcoding.JsonCodec} really reads and prints. The generator keeps
 * {@code components.schemas} and the {@code $ref}s into it ({@link SchemaRefs}); a dialect only says what one
 * schema is, and asks for references to the types it meets, which also covers recursive messages.
 *
 * <p>{@link #proto3} is the gRPC routes' dialect: the proto3 JSON mapping, errors as {@code google.rpc.Status}.
 */
public interface JsonDialect {

    /** The proto3 JSON mapping under the route's naming option; errors are {@code google.rpc.Status} JSON. */
    static JsonDialect proto3(TranscodingOptions options) {
        return new Proto3JsonDialect(options.preserveProtoFieldNames());
    }

    /** The document's {@code info.description}: what the API is and how its JSON is spelled. */
    String apiDescription();

    /** The key a field has in JSON answers (also the name of its query parameter). */
    String propertyName(FieldDescriptor field);

    /** The schema {@code components.schemas} holds for a message type, made when it is first referenced. */
    default ObjectNode messageSchema(Descriptor message, SchemaRefs refs) {
        return objectSchema(message, field -> false, true, refs);
    }

    /** The schema {@code components.schemas} holds for an enum type. */
    ObjectNode enumSchema(EnumDescriptor type);

    /**
     * A message as a JSON object.
     *
     * @param leaveOut fields left out (those a request's path binds)
     * @param titled   whether the schema carries its message name as title (components), or not (inline)
     */
    ObjectNode objectSchema(Descriptor message, Predicate<FieldDescriptor> leaveOut, boolean titled, SchemaRefs refs);

    /** A field's whole schema: an array for a repeated field, an object for a map, else its value's schema. */
    ObjectNode fieldSchema(FieldDescriptor field, SchemaRefs refs);

    /** The schema of one value of a field (one item of a repeated field). */
    ObjectNode valueSchema(FieldDescriptor field, SchemaRefs refs);

    /** Adds the responses an operation answers when it fails (at least {@code default}) to its responses. */
    void errorResponses(MethodDescriptor method, ObjectNode responses, SchemaRefs refs);
}

package dev.polygate.translators.grpc.transcoding;

import com.google.protobuf.DynamicMessage;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Message;
import com.google.protobuf.TypeRegistry;
import com.google.protobuf.util.JsonFormat;
import dev.polygate.spi.ErrorKind;
import dev.polygate.spi.GatewayException;

/** Reads a JSON body into a request builder according to the binding's body mode. */
final class JsonBodyReader {

    private final JsonFormat.Parser parser;
    private final JsonProblemFinder problems;
    private final StrictTimestamps timestamps = new StrictTimestamps();

    JsonBodyReader(TranscodingOptions options, TypeRegistry types, FieldNames names) {
        JsonFormat.Parser p = JsonFormat.parser().usingTypeRegistry(types);
        this.parser = options.ignoreUnknownFields() ? p.ignoringUnknownFields() : p;
        this.problems = new JsonProblemFinder(names, options.ignoreUnknownFields());
    }

    /**
     * Merges the body into the builder. A blank body sets nothing.
     *
     * @param context prefix of error messages, e.g. {@code "message 2: "}; empty for a unary request
     */
    void read(RequestPlan plan, String json, Message.Builder builder, String context) {
        if (plan.bodyMode == RequestPlan.BodyMode.NONE || json.isBlank()) {
            return;
        }
        try {
            JsonValueScanner.requireSingleValue(json);
        } catch (IllegalArgumentException e) {
            throw bad(context, "malformed JSON: " + e.getMessage());
        }
        switch (plan.bodyMode) {
            case WHOLE -> merge(json, builder, "", context);
            case MESSAGE_FIELD -> {
                Message.Builder field = builder.newBuilderForField(plan.bodyField);
                merge(json, field, plan.bodyField.getJsonName(), context);
                builder.setField(plan.bodyField, field.build());
            }
            case VALUE_FIELD -> {
                // JsonFormat reads whole messages only: the value is wrapped as the one field of a request.
                // It was checked above to be exactly one JSON value, so it cannot smuggle in other fields.
                String wrapped = "{" + JsonText.quote(plan.bodyField.getJsonName()) + ":" + json + "}";
                Message.Builder request = DynamicMessage.newBuilder(plan.inputType);
                merge(wrapped, request, "", context);
                builder.setField(plan.bodyField, request.getField(plan.bodyField));
            }
            default -> throw new IllegalStateException();
        }
    }

    private void merge(String json, Message.Builder builder, String pathPrefix, String context) {
        try {
            parser.merge(json, builder);
        } catch (InvalidProtocolBufferException | RuntimeException e) {
            String problem = problems.find(json, builder.getDescriptorForType(), pathPrefix);
            if (problem == null) {
                problem = "invalid JSON for " + builder.getDescriptorForType().getFullName() + ": "
                        + JsonProblemFinder.syntaxMessage(e.getMessage());
            }
            throw bad(context, problem);
        }
        // JsonFormat takes impossible dates as other instants: documents that can hold a timestamp are walked
        // again with the strict check (the finder follows JsonFormat's rules otherwise, so nothing else changes).
        if (timestamps.mayHold(builder.getDescriptorForType())) {
            String problem = problems.find(json, builder.getDescriptorForType(), pathPrefix);
            if (problem != null) {
                throw bad(context, problem);
            }
        }
    }

    private static GatewayException bad(String context, String problem) {
        return new GatewayException(ErrorKind.BAD_REQUEST, context + problem);
    }
}

package dev.polygate.translators.model.transcoding;

import com.google.protobuf.DynamicMessage;
import com.google.protobuf.Message;
import dev.polygate.spi.ErrorKind;
import dev.polygate.spi.GatewayException;

/** Reads a JSON body into a request builder according to the binding's body mode, through the codec. */
final class JsonBodyReader {

    private final JsonCodec codec;

    JsonBodyReader(JsonCodec codec) {
        this.codec = codec;
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
        // A document the direct reader takes is one strict JSON value: the scan below would find nothing.
        if (plan.bodyMode == RequestPlan.BodyMode.WHOLE && codec instanceof ProtoJsonCodec proto
                && proto.mergeDirectly(json, builder)) {
            return;
        }
        try {
            JsonValueScanner.requireSingleValue(json);
        } catch (IllegalArgumentException e) {
            throw bad(context, "malformed JSON: " + e.getMessage());
        }
        try {
            switch (plan.bodyMode) {
                case WHOLE -> codec.merge(json, builder);
                case MESSAGE_FIELD -> {
                    if (codec instanceof ProtoJsonCodec proto) {
                        Message.Builder field = builder.newBuilderForField(plan.bodyField);
                        // proto3 JSON errors name fields by their path in the request ("book.title")
                        proto.merge(json, field, plan.bodyField.getJsonName());
                        builder.setField(plan.bodyField, field.build());
                    } else {
                        // other codecs see the request they fill, so the top level stays theirs to check
                        codec.merge(wrap(plan, json), builder);
                    }
                }
                case VALUE_FIELD -> {
                    // Codecs read whole messages only: the value is wrapped as the one field of a request. It
                    // was checked above to be exactly one JSON value, so it cannot smuggle in other fields.
                    Message.Builder request = DynamicMessage.newBuilder(plan.inputType);
                    codec.merge(wrap(plan, json), request);
                    builder.setField(plan.bodyField, request.getField(plan.bodyField));
                }
                default -> throw new IllegalStateException();
            }
        } catch (GatewayException e) {
            throw context.isEmpty() || e.kind() != ErrorKind.BAD_REQUEST ? e : bad(context, e.detail());
        }
    }

    private static String wrap(RequestPlan plan, String json) {
        return "{" + JsonText.quote(plan.bodyField.getJsonName()) + ":" + json + "}";
    }

    private static GatewayException bad(String context, String problem) {
        return new GatewayException(ErrorKind.BAD_REQUEST, context + problem);
    }
}

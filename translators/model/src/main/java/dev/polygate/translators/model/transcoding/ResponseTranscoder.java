package dev.polygate.translators.model.transcoding;

import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.Descriptors.MethodDescriptor;
import com.google.protobuf.DynamicMessage;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Message;
import com.google.protobuf.TypeRegistry;
import dev.polygate.spi.ErrorKind;
import dev.polygate.spi.GatewayException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Renders response messages as JSON (proto3 JSON mapping, or another {@link JsonCodec}), honouring the binding's {@code response_body}:
 * a message field is answered as that message, any other field (repeated, map, scalar) as its bare JSON
 * value, printed even when it holds its default. Output is always compact, single-line JSON, so every
 * variant is also fit for NDJSON and SSE lines. Thread-safe; keep one instance per configuration.
 */
public final class ResponseTranscoder {

    private record PlanKey(MethodDescriptor method, String responseBodyField) {
    }

    /** A response_body field with the codec that renders it. */
    private record FieldPlan(FieldDescriptor field, boolean message, JsonCodec codec) {
    }

    private static final FieldPlan WHOLE = new FieldPlan(null, false, null);

    private final JsonCodec codec;
    private final Map<PlanKey, FieldPlan> plans = new ConcurrentHashMap<>();

    /** Responses in the proto3 JSON mapping ({@link JsonCodec#protoJson}). */
    public ResponseTranscoder(TranscodingOptions options, TypeRegistry types) {
        this(options, types, JsonCodec.protoJson(options, types));
    }

    /** Responses printed by the given codec; its own settings decide names and defaults. */
    public ResponseTranscoder(TranscodingOptions options, TypeRegistry types, JsonCodec codec) {
        this.codec = codec;
    }

    /** A response message (protobuf bytes) → JSON bytes. Malformed protobuf → UPSTREAM_PROTOCOL. */
    public byte[] response(RuleMatch match, byte[] protobuf) {
        return response(match, parse(match.method(), protobuf));
    }

    /** A parsed response message (of the method's output type) → JSON bytes. */
    public byte[] response(RuleMatch match, Message message) {
        if (match.binding().responseBodyField().isEmpty()) {
            checkType(match, message);
            try {
                return codec.printUtf8(message); // the usual case: the whole message, straight to bytes
            } catch (IllegalArgumentException e) {
                throw unrenderable(match, e);
            }
        }
        return print(match, message).getBytes(StandardCharsets.UTF_8);
    }

    /** As {@link #response(RuleMatch, byte[])}; guaranteed single-line, for NDJSON and SSE. */
    public byte[] responseLine(RuleMatch match, byte[] protobuf) {
        return response(match, protobuf);
    }

    /** As {@link #response(RuleMatch, Message)}; guaranteed single-line, for NDJSON and SSE. */
    public byte[] responseLine(RuleMatch match, Message message) {
        return response(match, message);
    }

    /** The JSON text of a response message. */
    public String responseText(RuleMatch match, Message message) {
        return print(match, message);
    }

    private static DynamicMessage parse(MethodDescriptor method, byte[] protobuf) {
        try {
            return DynamicMessage.parseFrom(method.getOutputType(), protobuf);
        } catch (InvalidProtocolBufferException e) {
            throw new GatewayException(ErrorKind.UPSTREAM_PROTOCOL, "The upstream answered " + method.getFullName()
                    + " with a message that is not a valid " + method.getOutputType().getFullName());
        }
    }

    private static void checkType(RuleMatch match, Message message) {
        Descriptor output = match.method().getOutputType();
        if (!message.getDescriptorForType().getFullName().equals(output.getFullName())) {
            throw new GatewayException(ErrorKind.INTERNAL, "A " + message.getDescriptorForType().getFullName()
                    + " cannot answer " + match.method().getFullName());
        }
    }

    private static GatewayException unrenderable(RuleMatch match, IllegalArgumentException e) {
        return new GatewayException(ErrorKind.INTERNAL,
                "The response of " + match.method().getFullName() + " cannot be rendered as JSON: " + e.getMessage());
    }

    private String print(RuleMatch match, Message message) {
        checkType(match, message);
        Descriptor output = match.method().getOutputType();
        FieldPlan plan = plan(match);
        try {
            if (plan.field() == null) {
                return codec.print(message);
            }
            FieldDescriptor field = message.getDescriptorForType().findFieldByNumber(plan.field().getNumber());
            Object value = message.getField(field);
            if (plan.message()) {
                return codec.print((Message) value);
            }
            // Codecs print messages only: print {"name":value} and keep the value.
            return JsonText.onlyValue(plan.codec().print(
                    DynamicMessage.newBuilder(output).setField(plan.field(), value).build()));
        } catch (IllegalArgumentException e) {
            throw unrenderable(match, e);
        }
    }

    private FieldPlan plan(RuleMatch match) {
        String name = match.binding().responseBodyField();
        if (name.isEmpty()) {
            return WHOLE;
        }
        return plans.computeIfAbsent(new PlanKey(match.method(), name), key -> {
            FieldDescriptor field = key.method().getOutputType().findFieldByName(key.responseBodyField());
            if (field == null) {
                throw new GatewayException(ErrorKind.INTERNAL, "response_body \"" + key.responseBodyField()
                        + "\" is not a field of " + key.method().getOutputType().getFullName());
            }
            boolean message = FieldNames.isSingularMessage(field);
            JsonCodec fieldCodec = codec instanceof ProtoJsonCodec proto ? proto.showingDefaultsOf(field) : codec;
            return new FieldPlan(field, message, message ? null : fieldCodec);
        });
    }
}

package dev.polygate.translators.model.transcoding;

import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.Descriptors.MethodDescriptor;
import com.google.protobuf.DynamicMessage;
import com.google.protobuf.Message;
import com.google.protobuf.TypeRegistry;
import dev.polygate.spi.ErrorKind;
import dev.polygate.spi.GatewayException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Builds request messages from an HTTP request: the JSON body first (per the binding's {@code body}), then
 * the path variables (they win over the same fields in the body), then the query parameters for the fields
 * neither binds. With {@code body: "*"} the query string is not consulted: HttpRule leaves no field for it.
 *
 * <p>Every client mistake is a {@link GatewayException} of kind {@link ErrorKind#BAD_REQUEST} whose detail
 * names the field. Thread-safe; per-binding work is cached, so keep one instance per configuration.
 */
public final class RequestTranscoder {

    private record PlanKey(MethodDescriptor method, HttpBinding binding) {
    }

    private final FieldNames names = new FieldNames();
    private final JsonCodec codec;
    private final JsonBodyReader bodyReader;
    private final QueryBinder queryBinder;
    private final Map<PlanKey, RequestPlan> plans = new ConcurrentHashMap<>();

    /** Bodies in the proto3 JSON mapping ({@link JsonCodec#protoJson}). */
    public RequestTranscoder(TranscodingOptions options, TypeRegistry types) {
        this(options, types, JsonCodec.protoJson(options, types));
    }

    /**
     * Bodies read by the given codec. The options still decide whether unknown query parameters are refused;
     * the codec decides for unknown JSON fields.
     */
    public RequestTranscoder(TranscodingOptions options, TypeRegistry types, JsonCodec codec) {
        this.codec = codec;
        this.bodyReader = new JsonBodyReader(codec);
        this.queryBinder = new QueryBinder(names, options.ignoreUnknownFields());
    }

    /** Unary and server-streaming: one message from path variables + query + body. body may be empty. */
    public DynamicMessage request(RuleMatch match, Map<String, List<String>> query, byte[] body) {
        RequestPlan plan = plan(match);
        String json = plan.bodyMode == RequestPlan.BodyMode.NONE || body == null || body.length == 0
                ? "" : new String(body, StandardCharsets.UTF_8);
        return build(plan, match, query, json, "");
    }

    /**
     * Client streaming: the body holds a JSON array of messages, or messages one after another (NDJSON:
     * one per line; blank lines are ignored). Path and query bindings are applied to each message. An
     * empty body is zero messages. A binding without a body yields the one message its path and query give.
     */
    public List<DynamicMessage> streamingRequests(RuleMatch match, Map<String, List<String>> query, byte[] body) {
        RequestPlan plan = plan(match);
        if (plan.bodyMode == RequestPlan.BodyMode.NONE) {
            return List.of(build(plan, match, query, "", ""));
        }
        String text = body == null ? "" : new String(body, StandardCharsets.UTF_8);
        boolean array = JsonValueScanner.isArray(text);
        List<JsonValueScanner.Span> spans;
        try {
            spans = array ? JsonValueScanner.arrayElements(text) : JsonValueScanner.sequence(text);
        } catch (IllegalArgumentException e) {
            throw new GatewayException(ErrorKind.BAD_REQUEST, "malformed JSON: " + e.getMessage());
        }
        List<DynamicMessage> messages = new ArrayList<>(spans.size());
        for (int i = 0; i < spans.size(); i++) {
            JsonValueScanner.Span span = spans.get(i);
            String context = array ? "message " + (i + 1) + ": " : "message " + (i + 1) + " (line " + span.line() + "): ";
            messages.add(build(plan, match, query, text.substring(span.start(), span.end()), context));
        }
        return messages;
    }

    /**
     * The requests of one binding whose path and query stay the same for every message (a WebSocket session's):
     * the binding's plan and the path's values are resolved once, each message then only reads its JSON.
     */
    public PreparedRequest prepare(RuleMatch match, Map<String, List<String>> query) {
        return new PreparedRequest(this, match, query);
    }

    private DynamicMessage build(RequestPlan plan, RuleMatch match, Map<String, List<String>> query, String json,
                                 String context) {
        return build(plan, match, null, query, json, context);
    }

    /**
     * One message: the body, then the path's values over it, then the query; see the class comment.
     *
     * @param path the match's {@link #pathValues}, or null to parse them here (after the body, whose mistakes are
     *             reported first)
     */
    DynamicMessage build(RequestPlan plan, RuleMatch match, List<PathValue> path, Map<String, List<String>> query,
                         String json, String context) {
        DynamicMessage.Builder builder = DynamicMessage.newBuilder(plan.inputType);
        bodyReader.read(plan, json, builder, context);
        for (PathValue value : path != null ? path : pathValues(plan, match)) {
            value.setOn(builder);
        }
        if (plan.bodyMode != RequestPlan.BodyMode.WHOLE && query != null && !query.isEmpty()) {
            queryBinder.apply(query, plan, builder);
        }
        try {
            codec.checkComplete(builder);
        } catch (GatewayException e) {
            throw context.isEmpty() || e.kind() != ErrorKind.BAD_REQUEST ? e
                    : new GatewayException(ErrorKind.BAD_REQUEST, context + e.detail());
        }
        return builder.build();
    }

    /** A path variable's field and its value, parsed. */
    record PathValue(FieldDescriptor[] fields, Object value) {
        void setOn(Message.Builder builder) {
            Message.Builder target = builder;
            for (int i = 0; i < fields.length - 1; i++) {
                target = target.getFieldBuilder(fields[i]);
            }
            target.setField(fields[fields.length - 1], value);
        }
    }

    /**
     * The values of the match's path variables, parsed for their fields.
     *
     * @throws GatewayException BAD_REQUEST for a value its field cannot take
     */
    List<PathValue> pathValues(RequestPlan plan, RuleMatch match) {
        if (match.pathVariables().isEmpty()) {
            return List.of();
        }
        List<PathValue> values = new ArrayList<>(match.pathVariables().size());
        for (Map.Entry<String, String> variable : match.pathVariables().entrySet()) {
            FieldDescriptor[] fields = plan.pathFields.get(variable.getKey());
            if (fields == null) {
                fields = names.resolve(plan.inputType, variable.getKey());
                if (fields == null) {
                    throw new GatewayException(ErrorKind.INTERNAL, "Path variable \"" + variable.getKey()
                            + "\" is not a field of " + plan.inputType.getFullName());
                }
            }
            FieldDescriptor leaf = fields[fields.length - 1];
            String where = "path variable " + JsonText.quote(variable.getKey());
            values.add(new PathValue(fields, TextValueParser.parse(leaf, variable.getValue(), where)));
        }
        return values;
    }

    RequestPlan plan(RuleMatch match) {
        PlanKey key = new PlanKey(match.method(), match.binding());
        RequestPlan plan = plans.get(key);
        if (plan == null) {
            plan = plans.computeIfAbsent(key, k -> RequestPlan.of(k.method(), k.binding(), names));
        }
        return plan;
    }
}

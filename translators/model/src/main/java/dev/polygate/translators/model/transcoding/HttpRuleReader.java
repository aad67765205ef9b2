package dev.polygate.translators.model.transcoding;

import com.google.api.AnnotationsProto;
import com.google.api.HttpRule;
import com.google.protobuf.Descriptors.MethodDescriptor;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.UnknownFieldSet;
import java.util.List;
import java.util.Optional;

/** Reads the {@code google.api.http} option of a method. */
final class HttpRuleReader {

    private HttpRuleReader() {
    }

    /**
     * The rule, whether the options were parsed with the extension known (generated code) or not
     * (descriptors built at run time from a descriptor set or reflection keep it as an unknown field).
     */
    static Optional<HttpRule> read(MethodDescriptor method) throws InvalidProtocolBufferException {
        var options = method.getOptions();
        if (options.hasExtension(AnnotationsProto.http)) {
            return Optional.of(options.getExtension(AnnotationsProto.http));
        }
        UnknownFieldSet.Field field = options.getUnknownFields().getField(AnnotationsProto.HTTP_FIELD_NUMBER);
        List<com.google.protobuf.ByteString> values = field.getLengthDelimitedList();
        if (values.isEmpty()) {
            return Optional.empty();
        }
        // Several occurrences of a message field merge, as the protobuf wire format specifies.
        HttpRule.Builder rule = HttpRule.newBuilder();
        for (var value : values) {
            rule.mergeFrom(value);
        }
        return Optional.of(rule.build());
    }

    /** The HTTP method of a rule's pattern, or null when no pattern is set. */
    static String httpMethod(HttpRule rule) {
        return switch (rule.getPatternCase()) {
            case GET -> "GET";
            case PUT -> "PUT";
            case POST -> "POST";
            case DELETE -> "DELETE";
            case PATCH -> "PATCH";
            case CUSTOM -> rule.getCustom().getKind().isBlank() ? null
                    : rule.getCustom().getKind().toUpperCase(java.util.Locale.ROOT);
            case PATTERN_NOT_SET -> null;
        };
    }

    static String path(HttpRule rule) {
        return switch (rule.getPatternCase()) {
            case GET -> rule.getGet();
            case PUT -> rule.getPut();
            case POST -> rule.getPost();
            case DELETE -> rule.getDelete();
            case PATCH -> rule.getPatch();
            case CUSTOM -> rule.getCustom().getPath();
            case PATTERN_NOT_SET -> "";
        };
    }
}

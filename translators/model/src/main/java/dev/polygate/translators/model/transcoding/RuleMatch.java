package dev.polygate.translators.model.transcoding;

import com.google.protobuf.Descriptors;
import java.util.Map;

/**
 * A request path matched to a method.
 *
 * @param method        the gRPC method to call
 * @param binding       the HTTP mapping that matched
 * @param pathVariables request field path (proto names, dotted) to its percent-decoded value
 */
public record RuleMatch(Descriptors.MethodDescriptor method, HttpBinding binding, Map<String, String> pathVariables) {
    public RuleMatch {
        pathVariables = Map.copyOf(pathVariables);
    }
}

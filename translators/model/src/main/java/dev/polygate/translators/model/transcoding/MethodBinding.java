package dev.polygate.translators.model.transcoding;

import com.google.protobuf.Descriptors.MethodDescriptor;

/**
 * A binding of an {@link HttpRuleIndex} with its method, in declaration order.
 *
 * @param generic whether this is the {@code POST /package.Service/Method} binding every method has
 */
public record MethodBinding(MethodDescriptor method, HttpBinding binding, boolean generic) {
}

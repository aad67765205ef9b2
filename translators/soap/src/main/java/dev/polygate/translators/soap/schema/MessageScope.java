package dev.polygate.translators.soap.schema;

import com.google.protobuf.DescriptorProtos.DescriptorProto;

/** A message being built: its builder, its fully qualified name (".pkg.Outer.Inner") and the names it holds. */
final class MessageScope {
    final DescriptorProto.Builder builder;
    final String fullName;
    final NameScope names = new NameScope();

    MessageScope(DescriptorProto.Builder builder, String fullName) {
        this.builder = builder;
        this.fullName = fullName;
    }
}

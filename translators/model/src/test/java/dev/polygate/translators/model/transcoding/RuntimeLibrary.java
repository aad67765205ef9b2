package dev.polygate.translators.model.transcoding;

import com.google.api.AnnotationsProto;
import com.google.api.HttpRule;
import com.google.protobuf.DescriptorProtos.FileDescriptorProto;
import com.google.protobuf.DescriptorProtos.MethodDescriptorProto;
import com.google.protobuf.DescriptorProtos.MethodOptions;
import com.google.protobuf.DescriptorProtos.ServiceDescriptorProto;
import com.google.protobuf.Descriptors;
import com.google.protobuf.InvalidProtocolBufferException;
import dev.polygate.test.v1.LibraryProto;
import java.util.Map;

/**
 * The generated Library service rebuilt at run time with other HTTP rules, the way descriptors arrive
 * from a descriptor set or server reflection. Methods not in the map keep no rule at all.
 */
final class RuntimeLibrary {

    private RuntimeLibrary() {
    }

    static Descriptors.ServiceDescriptor withRules(Map<String, HttpRule> rules) {
        FileDescriptorProto.Builder file = LibraryProto.getDescriptor().toProto().toBuilder();
        ServiceDescriptorProto.Builder service = file.getServiceBuilder(0);
        for (MethodDescriptorProto.Builder method : service.getMethodBuilderList()) {
            HttpRule rule = rules.get(method.getName());
            method.setOptions(rule == null ? MethodOptions.getDefaultInstance()
                    : MethodOptions.newBuilder().setExtension(AnnotationsProto.http, rule).build());
        }
        try {
            // Through bytes and back without an extension registry: the rules become unknown fields,
            // as they are in descriptors read from a descriptor set.
            FileDescriptorProto reparsed = FileDescriptorProto.parseFrom(file.build().toByteArray());
            Descriptors.FileDescriptor built = Descriptors.FileDescriptor.buildFrom(reparsed,
                    LibraryProto.getDescriptor().getDependencies().toArray(new Descriptors.FileDescriptor[0]));
            return built.findServiceByName("Library");
        } catch (InvalidProtocolBufferException | Descriptors.DescriptorValidationException e) {
            throw new AssertionError(e);
        }
    }

    static HttpRule get(String path) {
        return HttpRule.newBuilder().setGet(path).build();
    }
}

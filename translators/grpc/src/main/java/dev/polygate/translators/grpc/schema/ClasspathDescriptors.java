package dev.polygate.translators.grpc.schema;

import com.google.api.AnnotationsProto;
import com.google.api.ClientProto;
import com.google.api.FieldBehaviorProto;
import com.google.api.FieldInfoProto;
import com.google.api.HttpBodyProto;
import com.google.api.HttpProto;
import com.google.api.LaunchStageProto;
import com.google.api.ResourceProto;
import com.google.api.RoutingProto;
import com.google.longrunning.OperationsProto;
import com.google.protobuf.AnyProto;
import com.google.protobuf.ApiProto;
import com.google.protobuf.DescriptorProtos;
import com.google.protobuf.Descriptors.FileDescriptor;
import com.google.protobuf.DurationProto;
import com.google.protobuf.EmptyProto;
import com.google.protobuf.ExtensionRegistry;
import com.google.protobuf.FieldMaskProto;
import com.google.protobuf.SourceContextProto;
import com.google.protobuf.StructProto;
import com.google.protobuf.TimestampProto;
import com.google.protobuf.TypeProto;
import com.google.protobuf.WrappersProto;
import com.google.rpc.CodeProto;
import com.google.rpc.ErrorDetailsProto;
import com.google.rpc.StatusProto;
import com.google.type.DateProto;
import com.google.type.DateTimeProto;
import com.google.type.DayOfWeekProto;
import com.google.type.DecimalProto;
import com.google.type.IntervalProto;
import com.google.type.LatLngProto;
import com.google.type.MoneyProto;
import com.google.type.TimeOfDayProto;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The descriptors compiled into the gateway's own jars: protobuf's well-known types and the common Google
 * API protos. Schemas are linked against these instead of their own copies, so a {@code google.api.HttpBody}
 * or {@code google.protobuf.Timestamp} is the same descriptor object whatever source a service came from,
 * and {@code google/protobuf/descriptor.proto} is always the one the generated option classes are built
 * from (custom options can only be read back when their extendee is that exact descriptor).
 */
final class ClasspathDescriptors {

    /** Parses {@code google.api.http} and its siblings into typed extensions instead of unknown fields. */
    static final ExtensionRegistry EXTENSIONS = extensions();

    private static final Map<String, FileDescriptor> FILES = files(List.of(
            DescriptorProtos.getDescriptor(), AnyProto.getDescriptor(), ApiProto.getDescriptor(),
            DurationProto.getDescriptor(), EmptyProto.getDescriptor(), FieldMaskProto.getDescriptor(),
            SourceContextProto.getDescriptor(), StructProto.getDescriptor(), TimestampProto.getDescriptor(),
            TypeProto.getDescriptor(), WrappersProto.getDescriptor(),
            AnnotationsProto.getDescriptor(), HttpProto.getDescriptor(), HttpBodyProto.getDescriptor(),
            ClientProto.getDescriptor(), FieldBehaviorProto.getDescriptor(), FieldInfoProto.getDescriptor(),
            ResourceProto.getDescriptor(), RoutingProto.getDescriptor(), LaunchStageProto.getDescriptor(),
            StatusProto.getDescriptor(), CodeProto.getDescriptor(), ErrorDetailsProto.getDescriptor(),
            OperationsProto.getDescriptor(),
            DateProto.getDescriptor(), DateTimeProto.getDescriptor(), DayOfWeekProto.getDescriptor(),
            DecimalProto.getDescriptor(), IntervalProto.getDescriptor(), LatLngProto.getDescriptor(),
            MoneyProto.getDescriptor(), TimeOfDayProto.getDescriptor()));

    private ClasspathDescriptors() {
    }

    static Optional<FileDescriptor> file(String name) {
        return Optional.ofNullable(FILES.get(name));
    }

    static boolean has(String name) {
        return FILES.containsKey(name);
    }

    private static Map<String, FileDescriptor> files(List<FileDescriptor> roots) {
        Map<String, FileDescriptor> files = new LinkedHashMap<>();
        Deque<FileDescriptor> pending = new ArrayDeque<>(roots);
        while (!pending.isEmpty()) {
            FileDescriptor file = pending.pop();
            if (files.putIfAbsent(file.getName(), file) == null) {
                pending.addAll(file.getDependencies());
            }
        }
        return Map.copyOf(files);
    }

    /** A new, mutable registry with the same extensions as {@link #EXTENSIONS}. */
    static ExtensionRegistry newExtensionRegistry() {
        ExtensionRegistry registry = ExtensionRegistry.newInstance();
        AnnotationsProto.registerAllExtensions(registry);
        ClientProto.registerAllExtensions(registry);
        FieldBehaviorProto.registerAllExtensions(registry);
        FieldInfoProto.registerAllExtensions(registry);
        ResourceProto.registerAllExtensions(registry);
        RoutingProto.registerAllExtensions(registry);
        OperationsProto.registerAllExtensions(registry);
        return registry;
    }

    private static ExtensionRegistry extensions() {
        return newExtensionRegistry().getUnmodifiable();
    }
}

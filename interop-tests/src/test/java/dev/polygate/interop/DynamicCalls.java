package dev.polygate.interop;

import com.google.protobuf.Descriptors;
import com.google.protobuf.DynamicMessage;
import io.grpc.CallOptions;
import io.grpc.Channel;
import io.grpc.MethodDescriptor;
import io.grpc.protobuf.ProtoUtils;
import io.grpc.stub.ClientCalls;
import java.util.concurrent.TimeUnit;

/**
 * Unary gRPC calls with dynamic messages, as a client makes them that learnt the schema by reflection
 * ({@link ReflectedSchema}) and knows fields only by their JSON names.
 */
final class DynamicCalls {
    private DynamicCalls() {
    }

    /** Calls {@code service}'s method {@code name} with a ten-second deadline. */
    static DynamicMessage call(Channel channel, Descriptors.ServiceDescriptor service, String name,
                               DynamicMessage request) {
        Descriptors.MethodDescriptor method = service.findMethodByName(name);
        return ClientCalls.blockingUnaryCall(channel, method(method, service.getFullName() + "/" + name),
                CallOptions.DEFAULT.withDeadlineAfter(10, TimeUnit.SECONDS), request);
    }

    /** A unary method with the types of {@code method}, under any full name (even one the server lacks). */
    static MethodDescriptor<DynamicMessage, DynamicMessage> method(Descriptors.MethodDescriptor method,
                                                                   String fullName) {
        return MethodDescriptor.<DynamicMessage, DynamicMessage>newBuilder().setType(MethodDescriptor.MethodType.UNARY)
                .setFullMethodName(fullName)
                .setRequestMarshaller(ProtoUtils.marshaller(DynamicMessage.getDefaultInstance(method.getInputType())))
                .setResponseMarshaller(ProtoUtils.marshaller(DynamicMessage.getDefaultInstance(method.getOutputType())))
                .build();
    }

    /** The request of a Calculator operation ({@code intA}, {@code intB}). */
    static DynamicMessage operands(Descriptors.ServiceDescriptor calculator, String operation, int a, int b) {
        Descriptors.Descriptor type = calculator.findMethodByName(operation).getInputType();
        return DynamicMessage.newBuilder(type).setField(byJsonName(type, "intA"), a)
                .setField(byJsonName(type, "intB"), b).build();
    }

    static Object field(DynamicMessage message, String jsonName) {
        return message.getField(byJsonName(message.getDescriptorForType(), jsonName));
    }

    private static Descriptors.FieldDescriptor byJsonName(Descriptors.Descriptor type, String jsonName) {
        return type.getFields().stream().filter(f -> f.getJsonName().equals(jsonName)).findFirst()
                .orElseThrow(() -> new AssertionError(type.getFullName() + " has no field " + jsonName + ": "
                        + type.toProto()));
    }
}

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
 * grpc-java calls with dynamic messages, whose types a client learnt from the gateway's reflection; fields are
 * found by their JSON names, as such a client reads them.
 */
final class DynamicGrpc {
    private DynamicGrpc() {
    }

    /** A unary call of {@code method} at the gRPC path {@code fullName} ({@code package.Service/Method}). */
    static MethodDescriptor<DynamicMessage, DynamicMessage> method(Descriptors.MethodDescriptor method, String fullName) {
        return MethodDescriptor.<DynamicMessage, DynamicMessage>newBuilder().setType(MethodDescriptor.MethodType.UNARY)
                .setFullMethodName(fullName)
                .setRequestMarshaller(ProtoUtils.marshaller(DynamicMessage.getDefaultInstance(method.getInputType())))
                .setResponseMarshaller(ProtoUtils.marshaller(DynamicMessage.getDefaultInstance(method.getOutputType())))
                .build();
    }

    /** Calls {@code method} of its service, with a ten-second deadline. */
    static DynamicMessage call(Channel channel, Descriptors.MethodDescriptor method, DynamicMessage request) {
        return ClientCalls.blockingUnaryCall(channel, method(method, method.getService().getFullName() + "/"
                + method.getName()), CallOptions.DEFAULT.withDeadlineAfter(10, TimeUnit.SECONDS), request);
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

    static Descriptors.FieldDescriptor byJsonName(Descriptors.Descriptor type, String jsonName) {
        return type.getFields().stream().filter(f -> f.getJsonName().equals(jsonName)).findFirst()
                .orElseThrow(() -> new AssertionError(type.getFullName() + " has no field " + jsonName + ": "
                        + type.toProto()));
    }
}

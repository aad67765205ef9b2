package dev.polygate.interop;

import com.google.protobuf.Any;
import com.google.protobuf.Descriptors;
import com.google.protobuf.DynamicMessage;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.util.JsonFormat;
import com.google.rpc.ErrorInfo;
import io.grpc.CallOptions;
import io.grpc.ClientInterceptors;
import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.MethodDescriptor;
import io.grpc.StatusRuntimeException;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.protobuf.ProtoUtils;
import io.grpc.protobuf.StatusProto;
import io.grpc.stub.ClientCalls;
import io.grpc.stub.MetadataUtils;
import java.util.concurrent.TimeUnit;

/**
 * A grpc-java client of a soap route that knows nothing beforehand, as grpcurl is: the service's types come
 * from the gateway's reflection, requests are written and answers read as proto JSON. Plaintext HTTP/2 to the
 * gateway's loopback port.
 */
final class SoapCallerGrpcClient implements AutoCloseable {
    private static final Metadata.Key<String> AUTHORIZATION =
            Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER);

    private final ManagedChannel channel;
    private final Descriptors.ServiceDescriptor service;

    private SoapCallerGrpcClient(ManagedChannel channel, Descriptors.ServiceDescriptor service) {
        this.channel = channel;
        this.service = service;
    }

    /** Connects to the gateway on {@code port} and reads {@code serviceName} by reflection. */
    static SoapCallerGrpcClient connect(int port, String serviceName) throws Exception {
        ManagedChannel channel = NettyChannelBuilder.forAddress("127.0.0.1", port).usePlaintext().build();
        try {
            return new SoapCallerGrpcClient(channel, new ReflectedSchema(channel).service(serviceName));
        } catch (Exception e) {
            channel.shutdownNow();
            throw e;
        }
    }

    /** Calls {@code operation} with a request given as proto JSON; the answer as proto JSON. */
    String call(String operation, String requestJson) throws InvalidProtocolBufferException {
        return call(operation, requestJson, new Metadata());
    }

    /** The same with the caller's {@code authorization} metadata. */
    String callAs(String authorization, String operation, String requestJson) throws InvalidProtocolBufferException {
        Metadata headers = new Metadata();
        headers.put(AUTHORIZATION, authorization);
        return call(operation, requestJson, headers);
    }

    private String call(String operation, String requestJson, Metadata headers) throws InvalidProtocolBufferException {
        Descriptors.MethodDescriptor method = service.findMethodByName(operation);
        if (method == null) {
            throw new AssertionError(service.getFullName() + " has no method " + operation);
        }
        DynamicMessage.Builder request = DynamicMessage.newBuilder(method.getInputType());
        JsonFormat.parser().merge(requestJson, request);
        MethodDescriptor<DynamicMessage, DynamicMessage> grpcMethod = MethodDescriptor
                .<DynamicMessage, DynamicMessage>newBuilder()
                .setType(MethodDescriptor.MethodType.UNARY).setFullMethodName(service.getFullName() + "/" + operation)
                .setRequestMarshaller(ProtoUtils.marshaller(DynamicMessage.getDefaultInstance(method.getInputType())))
                .setResponseMarshaller(ProtoUtils.marshaller(DynamicMessage.getDefaultInstance(method.getOutputType())))
                .build();
        DynamicMessage answer = ClientCalls.blockingUnaryCall(
                ClientInterceptors.intercept(channel, MetadataUtils.newAttachHeadersInterceptor(headers)), grpcMethod,
                CallOptions.DEFAULT.withDeadlineAfter(15, TimeUnit.SECONDS), request.build());
        return JsonFormat.printer().print(answer);
    }

    /** An answer of {@code operation} received some other way (gRPC-Web), as proto JSON. */
    String decode(String operation, byte[] answer) throws InvalidProtocolBufferException {
        Descriptors.Descriptor type = service.findMethodByName(operation).getOutputType();
        return JsonFormat.printer().print(DynamicMessage.parseFrom(type, answer));
    }

    /** The {@link ErrorInfo} among a failed call's status details. */
    static ErrorInfo errorInfo(StatusRuntimeException failure) {
        com.google.rpc.Status status = StatusProto.fromThrowable(failure);
        if (status == null) {
            throw new AssertionError("no status details in " + failure);
        }
        for (Any detail : status.getDetailsList()) {
            if (detail.is(ErrorInfo.class)) {
                try {
                    return detail.unpack(ErrorInfo.class);
                } catch (InvalidProtocolBufferException e) {
                    throw new AssertionError(e);
                }
            }
        }
        throw new AssertionError("no ErrorInfo in " + status);
    }

    @Override
    public void close() throws InterruptedException {
        channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
    }
}

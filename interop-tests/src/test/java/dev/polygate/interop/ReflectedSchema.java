package dev.polygate.interop;

import com.google.protobuf.DescriptorProtos.FileDescriptorProto;
import com.google.protobuf.Descriptors;
import com.google.protobuf.InvalidProtocolBufferException;
import io.grpc.Channel;
import io.grpc.reflection.v1.ServerReflectionGrpc;
import io.grpc.reflection.v1.ServerReflectionRequest;
import io.grpc.reflection.v1.ServerReflectionResponse;
import io.grpc.reflection.v1.ServiceResponse;
import io.grpc.stub.StreamObserver;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * A client's view of a server's schema, read the way grpcurl and buf do: list the services, fetch the file
 * that declares a symbol, then every file it imports by name, and link them into descriptors. Nothing of the
 * schema is known to the client beforehand.
 */
final class ReflectedSchema {
    private final Channel channel;
    private final Map<String, FileDescriptorProto> files = new HashMap<>();
    private final Map<String, Descriptors.FileDescriptor> linked = new HashMap<>();

    ReflectedSchema(Channel channel) {
        this.channel = channel;
    }

    List<String> services() throws Exception {
        return ask(ServerReflectionRequest.newBuilder().setListServices("*").build())
                .getListServicesResponse().getServiceList().stream().map(ServiceResponse::getName).toList();
    }

    /** The service named {@code fullName}, with its request and response types. */
    Descriptors.ServiceDescriptor service(String fullName) throws Exception {
        ServerReflectionResponse answer = ask(ServerReflectionRequest.newBuilder()
                .setFileContainingSymbol(fullName).build());
        String declaring = add(answer).get(0);
        Deque<String> missing = new ArrayDeque<>(files.keySet());
        while (!missing.isEmpty()) {
            for (String dependency : files.get(missing.pop()).getDependencyList()) {
                if (!files.containsKey(dependency)) {
                    add(ask(ServerReflectionRequest.newBuilder().setFileByFilename(dependency).build()));
                    missing.push(dependency);
                }
            }
        }
        return link(declaring).findServiceByName(fullName.substring(fullName.lastIndexOf('.') + 1));
    }

    private List<String> add(ServerReflectionResponse answer) throws InvalidProtocolBufferException {
        if (answer.hasErrorResponse()) {
            throw new IllegalStateException("reflection error: " + answer.getErrorResponse());
        }
        List<String> names = new java.util.ArrayList<>();
        for (var bytes : answer.getFileDescriptorResponse().getFileDescriptorProtoList()) {
            FileDescriptorProto file = FileDescriptorProto.parseFrom(bytes);
            files.putIfAbsent(file.getName(), file);
            names.add(file.getName());
        }
        return names;
    }

    private Descriptors.FileDescriptor link(String name) throws Descriptors.DescriptorValidationException {
        Descriptors.FileDescriptor done = linked.get(name);
        if (done != null) {
            return done;
        }
        FileDescriptorProto file = files.get(name);
        Descriptors.FileDescriptor[] dependencies = new Descriptors.FileDescriptor[file.getDependencyCount()];
        for (int i = 0; i < dependencies.length; i++) {
            dependencies[i] = link(file.getDependency(i));
        }
        Descriptors.FileDescriptor built = Descriptors.FileDescriptor.buildFrom(file, dependencies);
        linked.put(name, built);
        return built;
    }

    /** One question on its own reflection stream. */
    private ServerReflectionResponse ask(ServerReflectionRequest request) throws Exception {
        CompletableFuture<ServerReflectionResponse> answer = new CompletableFuture<>();
        StreamObserver<ServerReflectionRequest> requests = ServerReflectionGrpc.newStub(channel)
                .withDeadlineAfter(10, TimeUnit.SECONDS).serverReflectionInfo(new StreamObserver<>() {
                    @Override
                    public void onNext(ServerReflectionResponse response) {
                        answer.complete(response);
                    }

                    @Override
                    public void onError(Throwable failure) {
                        answer.completeExceptionally(failure);
                    }

                    @Override
                    public void onCompleted() {
                        answer.completeExceptionally(new IllegalStateException("no answer"));
                    }
                });
        requests.onNext(request);
        requests.onCompleted();
        return answer.get(10, TimeUnit.SECONDS);
    }
}

package dev.polygate.translators.grpc.schema;

import com.google.protobuf.ByteString;
import com.google.protobuf.DescriptorProtos.FileDescriptorProto;
import com.google.protobuf.InvalidProtocolBufferException;
import dev.polygate.spi.ConfigException;
import dev.polygate.spi.UpstreamConfig;
import io.grpc.Channel;
import io.grpc.Deadline;
import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.reflection.v1.ServerReflectionRequest;
import io.grpc.reflection.v1.ServerReflectionResponse;
import io.grpc.reflection.v1.ServiceResponse;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Fetches a backend's descriptors through gRPC server reflection: list_services (unless the services are
 * named), file_containing_symbol for each service, then file_by_filename for any import still missing,
 * until the files are complete. v1 first; v1alpha when the backend answers v1 with UNIMPLEMENTED.
 */
final class ServerReflectionClient {
    private ServerReflectionClient() {
    }

    /**
     * Tries the upstream's endpoints in order until one answers, all within {@code timeout}.
     *
     * @throws ConfigException naming the upstream, each endpoint tried and what went wrong
     */
    static SchemaRegistry fetch(UpstreamConfig upstream, List<String> services, Duration timeout)
            throws ConfigException {
        Deadline deadline = Deadline.after(timeout.toNanos(), TimeUnit.NANOSECONDS);
        List<String> failures = new ArrayList<>();
        for (URI endpoint : upstream.endpoints()) {
            ManagedChannel channel = ReflectionChannel.open(endpoint, upstream.tls());
            try {
                List<FileDescriptorProto> files = fetch(channel, services, deadline);
                return SchemaRegistry.of(DescriptorLinker.link(files,
                        "the reflection answers of upstream '" + upstream.name() + "' (" + endpoint + ")"));
            } catch (StatusRuntimeException e) {
                failures.add(endpoint + ": " + explain(e.getStatus(), timeout));
            } catch (ReflectionRefused e) {
                failures.add(endpoint + ": " + e.getMessage());
            } finally {
                channel.shutdownNow();
            }
            if (deadline.isExpired()) {
                break;
            }
        }
        throw new ConfigException("", "gRPC server reflection of upstream '" + upstream.name() + "' failed: "
                + (failures.isEmpty() ? "it has no endpoints" : String.join("; ", failures)));
    }

    static List<FileDescriptorProto> fetch(Channel channel, List<String> services, Deadline deadline)
            throws ReflectionRefused {
        try {
            return fetch(channel, ReflectionSession.V1, services, deadline);
        } catch (StatusRuntimeException e) {
            if (e.getStatus().getCode() != Status.Code.UNIMPLEMENTED) {
                throw e;
            }
        }
        try {
            return fetch(channel, ReflectionSession.V1ALPHA, services, deadline);
        } catch (StatusRuntimeException e) {
            if (e.getStatus().getCode() == Status.Code.UNIMPLEMENTED) {
                throw new ReflectionRefused("the backend offers no gRPC server reflection (neither "
                        + "grpc.reflection.v1 nor v1alpha answered); give the schema as descriptorSets or protos");
            }
            throw e;
        }
    }

    private static List<FileDescriptorProto> fetch(Channel channel,
            io.grpc.MethodDescriptor<ServerReflectionRequest, ServerReflectionResponse> method,
            List<String> services, Deadline deadline) throws ReflectionRefused {
        Map<String, FileDescriptorProto> files = new LinkedHashMap<>();
        try (ReflectionSession session = new ReflectionSession(channel, method, deadline)) {
            List<String> names = services.isEmpty() ? listServices(session) : services;
            for (String service : names) {
                if (!defines(files, service)) {
                    addAll(files, session.exchange(ServerReflectionRequest.newBuilder()
                            .setFileContainingSymbol(service).build()), "service " + service);
                }
            }
            for (String missing = missingImport(files); missing != null; missing = missingImport(files)) {
                int before = files.size();
                addAll(files, session.exchange(ServerReflectionRequest.newBuilder()
                        .setFileByFilename(missing).build()), "file " + missing);
                if (!files.containsKey(missing) || files.size() == before) {
                    throw new ReflectionRefused("asked for " + missing + ", the backend answered with other files");
                }
            }
        }
        return List.copyOf(files.values());
    }

    private static List<String> listServices(ReflectionSession session) throws ReflectionRefused {
        ServerReflectionResponse response = session.exchange(ServerReflectionRequest.newBuilder()
                .setListServices("*").build());
        if (response.hasErrorResponse()) {
            throw refused(response, "the service list");
        }
        // The backend's own reflection services describe reflection, not the API; the gateway serves its own.
        return response.getListServicesResponse().getServiceList().stream().map(ServiceResponse::getName)
                .filter(name -> !name.startsWith("grpc.reflection.")).toList();
    }

    private static void addAll(Map<String, FileDescriptorProto> files, ServerReflectionResponse response,
                               String subject) throws ReflectionRefused {
        if (response.hasErrorResponse()) {
            throw refused(response, subject);
        }
        for (ByteString bytes : response.getFileDescriptorResponse().getFileDescriptorProtoList()) {
            try {
                // Parsed with the extension registry so google.api.http arrives as an extension.
                FileDescriptorProto file = FileDescriptorProto.parseFrom(bytes, ClasspathDescriptors.EXTENSIONS);
                files.putIfAbsent(file.getName(), file);
            } catch (InvalidProtocolBufferException e) {
                throw new ReflectionRefused("the answer for " + subject + " is not a FileDescriptorProto: " + e.getMessage());
            }
        }
    }

    private static boolean defines(Map<String, FileDescriptorProto> files, String service) {
        return files.values().stream().anyMatch(f -> f.getServiceList().stream()
                .anyMatch(s -> (f.getPackage().isEmpty() ? s.getName() : f.getPackage() + "." + s.getName()).equals(service)));
    }

    /** An import that is neither fetched nor compiled into the gateway, or null. */
    private static String missingImport(Map<String, FileDescriptorProto> files) {
        for (FileDescriptorProto file : files.values()) {
            for (String dependency : file.getDependencyList()) {
                if (!files.containsKey(dependency) && !ClasspathDescriptors.has(dependency)) {
                    return dependency;
                }
            }
        }
        return null;
    }

    private static ReflectionRefused refused(ServerReflectionResponse response, String subject) {
        var error = response.getErrorResponse();
        return new ReflectionRefused("the backend could not describe " + subject + ": "
                + Status.fromCodeValue(error.getErrorCode()).getCode() + " " + error.getErrorMessage());
    }

    private static String explain(Status status, Duration timeout) {
        return switch (status.getCode()) {
            case DEADLINE_EXCEEDED -> "no complete answer within " + timeout.toMillis() + " ms (reflectionTimeout)";
            case UNAVAILABLE -> "unreachable: " + describe(status);
            default -> status.getCode() + " " + describe(status);
        };
    }

    private static String describe(Status status) {
        String description = status.getDescription() == null ? "" : status.getDescription();
        Throwable cause = status.getCause();
        if (cause != null && cause.getMessage() != null && !description.contains(cause.getMessage())) {
            description = description.isEmpty() ? cause.getMessage() : description + " (" + cause.getMessage() + ")";
        }
        return description;
    }

    /** The backend answered, but not with what reflection needs. */
    static final class ReflectionRefused extends Exception {
        private static final long serialVersionUID = 1L;

        ReflectionRefused(String message) {
            super(message, null, false, false);
        }
    }
}

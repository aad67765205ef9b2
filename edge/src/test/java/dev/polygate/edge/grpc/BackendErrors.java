package dev.polygate.edge.grpc;

import com.google.protobuf.Any;
import com.google.rpc.BadRequest;
import com.google.rpc.Code;
import com.google.rpc.ResourceInfo;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.protobuf.StatusProto;

/** The errors the test backend answers with, carrying google.rpc details the way real services do. */
final class BackendErrors {
    private BackendErrors() {
    }

    static StatusRuntimeException notFound(String resourceType, String name) {
        return StatusProto.toStatusRuntimeException(com.google.rpc.Status.newBuilder()
                .setCode(Code.NOT_FOUND_VALUE)
                .setMessage(name + " does not exist")
                .addDetails(Any.pack(ResourceInfo.newBuilder().setResourceType(resourceType).setResourceName(name)
                        .setDescription("not in the library").build()))
                .build());
    }

    static StatusRuntimeException invalid(String field, String description) {
        return StatusProto.toStatusRuntimeException(com.google.rpc.Status.newBuilder()
                .setCode(Code.INVALID_ARGUMENT_VALUE)
                .setMessage("invalid " + field)
                .addDetails(Any.pack(BadRequest.newBuilder().addFieldViolations(BadRequest.FieldViolation.newBuilder()
                        .setField(field).setDescription(description)).build()))
                .build());
    }

    static StatusRuntimeException status(Status.Code code, String message) {
        return code == Status.Code.INVALID_ARGUMENT ? invalid("string_value", message)
                : code.toStatus().withDescription(message).asRuntimeException();
    }

    /** "status:NOT_FOUND" asks the backend to fail with that code; null when the text asks for nothing. */
    static Status.Code requested(String text) {
        return text.startsWith("status:") ? Status.Code.valueOf(text.substring("status:".length())) : null;
    }
}

package dev.polygate.translators.model.rest;

import com.fasterxml.jackson.core.io.JsonStringEncoder;
import com.google.protobuf.Any;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.TypeRegistry;
import com.google.protobuf.util.JsonFormat;
import dev.polygate.translators.model.wire.GrpcStatus;
import java.nio.charset.StandardCharsets;

/**
 * A gRPC status as REST clients of transcoded routes see it: the JSON form of {@code google.rpc.Status}
 * ({@code code}, {@code message}, {@code details}), with the HTTP status of the code.
 */
final class StatusJson {
    static final String CONTENT_TYPE = "application/json";

    private StatusJson() {
    }

    static byte[] render(GrpcStatus status, TypeRegistry types) {
        StringBuilder json = new StringBuilder(96);
        json.append("{\"code\":").append(status.code().value()).append(",\"message\":\"")
                .append(JsonStringEncoder.getInstance().quoteAsString(status.message() == null ? "" : status.message()))
                .append("\",\"details\":[");
        if (status.details() != null) {
            JsonFormat.Printer printer = JsonFormat.printer().usingTypeRegistry(types)
                    .omittingInsignificantWhitespace();
            boolean first = true;
            for (Any detail : status.details().getDetailsList()) {
                String rendered = renderDetail(printer, detail);
                if (rendered != null) {
                    json.append(first ? "" : ",").append(rendered);
                    first = false;
                }
            }
        }
        return json.append("]}").toString().getBytes(StandardCharsets.UTF_8);
    }

    /** A detail whose type the registry does not know is kept as its type URL and base64 bytes. */
    private static String renderDetail(JsonFormat.Printer printer, Any detail) {
        try {
            return printer.print(detail);
        } catch (InvalidProtocolBufferException unknownType) {
            return "{\"@type\":\"" + JsonStringEncoder.getInstance().quoteAsString(detail.getTypeUrl())
                    + "\",\"value\":\"" + java.util.Base64.getEncoder().encodeToString(detail.getValue().toByteArray())
                    + "\"}";
        }
    }
}

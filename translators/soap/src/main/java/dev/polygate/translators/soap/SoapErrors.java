package dev.polygate.translators.soap;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.google.protobuf.Any;
import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.DynamicMessage;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.TypeRegistry;
import com.google.rpc.ErrorInfo;
import dev.polygate.spi.ErrorKind;
import dev.polygate.spi.GatewayException;
import dev.polygate.translators.model.rest.ErrorRenderer;
import dev.polygate.translators.model.wire.GrpcStatus;
import dev.polygate.translators.model.wire.GrpcStatusCode;
import dev.polygate.translators.soap.json.XmlJsonCodec;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * The errors of a SOAP route as REST clients read them: {@code application/problem+json} (RFC 9457). A Fault
 * keeps its code, subcodes, reason, actor / node / role and its detail, converted through the wsdl:fault
 * schema by the route's JSON codec; every other error has its gRPC code name as {@code code}.
 *
 * <p>The HTTP status of every error is chosen here ({@link #httpStatus}): the sender's fault (Client /
 * Sender) is 400, a WS-Security fault refusing the caller's own credentials 401 (see {@link WsSecurity}), any
 * other fault the configured server status (502 unless set), and the gateway's own errors keep their kind's
 * status (missing caller credentials 401, a backend that is not SOAP 502, a timeout 504).
 */
final class SoapErrors implements ErrorRenderer {
    static final String FAULT_DOMAIN = "soap";
    static final String FAULT_REASON = "SOAP_FAULT";
    /** ErrorInfo domain of a gateway error raised by a SOAP call; its reason is the {@link ErrorKind} name. */
    static final String GATEWAY_DOMAIN = "polygate";
    private static final JsonFactory JSON = JsonFactory.builder().build();

    private final TypeRegistry types;
    private final XmlJsonCodec json;
    private final int serverFaultStatus;

    SoapErrors(TypeRegistry types, XmlJsonCodec json, int serverFaultStatus) {
        this.types = types;
        this.json = json;
        this.serverFaultStatus = serverFaultStatus;
    }

    /** A gateway error of a SOAP call as a status that remembers its kind, so its HTTP status survives. */
    static GrpcStatus status(GatewayException error) {
        ErrorInfo kind = ErrorInfo.newBuilder().setDomain(GATEWAY_DOMAIN).setReason(error.kind().name()).build();
        return new GrpcStatus(GrpcStatusCode.of(error.kind()), error.detail(), com.google.rpc.Status.newBuilder()
                .setCode(GrpcStatusCode.of(error.kind()).value()).setMessage(error.detail() == null ? "" : error.detail())
                .addDetails(Any.pack(kind)).build());
    }

    /** The one place the HTTP status of a SOAP route's error is decided. */
    int httpStatus(GrpcStatus status, ErrorInfo info, int fallback) {
        if (info == null) {
            return fallback;
        }
        if (FAULT_DOMAIN.equals(info.getDomain())) {
            return switch (status.code()) {
                case INVALID_ARGUMENT -> 400;
                case UNAUTHENTICATED -> 401;
                default -> serverFaultStatus;
            };
        }
        if (GATEWAY_DOMAIN.equals(info.getDomain())) {
            try {
                return ErrorKind.valueOf(info.getReason()).httpStatus();
            } catch (IllegalArgumentException unknown) {
                return fallback;
            }
        }
        return fallback;
    }

    @Override
    public Rendered render(GrpcStatus status, int fallbackHttpStatus) {
        ErrorInfo info = errorInfo(status);
        int http = httpStatus(status, info, fallbackHttpStatus);
        StringWriter text = new StringWriter();
        try (JsonGenerator out = JSON.createGenerator(text)) {
            out.writeStartObject();
            out.writeStringField("type", "about:blank");
            boolean fault = info != null && FAULT_DOMAIN.equals(info.getDomain());
            out.writeStringField("title", fault ? "SOAP Fault" : title(http));
            out.writeNumberField("status", http);
            out.writeStringField("code", fault ? FAULT_REASON : status.code().name());
            if (fault) {
                writeFault(out, status, info);
            } else {
                out.writeStringField("detail", status.message() == null ? "" : status.message());
            }
            out.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new Rendered(http, "application/problem+json", text.toString().getBytes(StandardCharsets.UTF_8));
    }

    private void writeFault(JsonGenerator out, GrpcStatus status, ErrorInfo info) throws IOException {
        Map<String, String> meta = info.getMetadataMap();
        out.writeStringField("faultcode", meta.getOrDefault("faultcode", ""));
        if (meta.containsKey("subcodes")) {
            out.writeArrayFieldStart("subcodes");
            for (String subcode : meta.get("subcodes").split(" ")) {
                out.writeString(subcode);
            }
            out.writeEndArray();
        }
        String reason = status.message() == null ? "" : status.message();
        out.writeStringField("reason", reason);
        out.writeStringField("detail", reason); // RFC 9457's human-readable text, for generic problem readers
        for (String key : new String[] {"actor", "node", "role"}) {
            if (meta.containsKey(key)) {
                out.writeStringField(key, meta.get(key));
            }
        }
        DynamicMessage detail = detail(status);
        if (detail != null) {
            out.writeFieldName("faultDetail");
            out.writeRawValue(json.print(detail));
        } else if (meta.containsKey("detailXml")) {
            // a detail no wsdl:fault declares is still worth reading, as the XML it was
            out.writeStringField("faultDetailXml", meta.get("detailXml"));
        }
    }

    private static ErrorInfo errorInfo(GrpcStatus status) {
        if (status.details() == null) {
            return null;
        }
        for (Any any : status.details().getDetailsList()) {
            if (any.is(ErrorInfo.class)) {
                try {
                    return any.unpack(ErrorInfo.class);
                } catch (InvalidProtocolBufferException e) {
                    return null;
                }
            }
        }
        return null;
    }

    /** The fault's detail, packed by the call as its schema message; the route's registry knows its type. */
    private DynamicMessage detail(GrpcStatus status) {
        for (Any any : status.details().getDetailsList()) {
            if (any.is(ErrorInfo.class)) {
                continue;
            }
            String url = any.getTypeUrl();
            Descriptor type = types.find(url.substring(url.lastIndexOf('/') + 1));
            if (type != null) {
                try {
                    return DynamicMessage.parseFrom(type, any.getValue());
                } catch (InvalidProtocolBufferException e) {
                    return null;
                }
            }
        }
        return null;
    }

    private static String title(int http) {
        for (ErrorKind kind : ErrorKind.values()) {
            if (kind.httpStatus() == http) {
                return kind.title();
            }
        }
        return http == 405 ? "Method Not Allowed" : "Error";
    }
}

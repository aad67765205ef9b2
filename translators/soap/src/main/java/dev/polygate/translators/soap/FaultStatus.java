package dev.polygate.translators.soap;

import com.google.protobuf.Any;
import com.google.rpc.ErrorInfo;
import dev.polygate.translators.model.wire.GrpcStatus;
import dev.polygate.translators.model.wire.GrpcStatusCode;
import dev.polygate.translators.soap.xml.SoapFault;
import javax.xml.namespace.QName;

/**
 * A SOAP Fault as the status a call ends with: the reason as the message, an {@link ErrorInfo} (domain
 * {@value SoapErrors#FAULT_DOMAIN}, reason {@value SoapErrors#FAULT_REASON}) whose metadata holds the fault's
 * code, subcodes, actor / node / role and an undeclared detail as XML, and a declared detail as its schema
 * message. gRPC clients read it as it is; {@link SoapErrors} renders it as problem+json.
 */
final class FaultStatus {
    private FaultStatus() {
    }

    /** The usual code: the sender's fault (Client / Sender) is the caller's mistake, any other the backend's failure. */
    static GrpcStatus of(SoapFault fault) {
        return of(fault, fault.isClientFault() ? GrpcStatusCode.INVALID_ARGUMENT : GrpcStatusCode.INTERNAL);
    }

    static GrpcStatus of(SoapFault fault, GrpcStatusCode code) {
        ErrorInfo.Builder info = ErrorInfo.newBuilder().setReason(SoapErrors.FAULT_REASON).setDomain(SoapErrors.FAULT_DOMAIN)
                .putMetadata("faultcode", fault.code() == null ? "" : fault.code().getLocalPart());
        if (!fault.subcodes().isEmpty()) {
            info.putMetadata("subcodes", String.join(" ", fault.subcodes().stream().map(QName::getLocalPart).toList()));
        }
        if (fault.actor() != null) {
            info.putMetadata("actor", fault.actor());
        }
        if (fault.node() != null) {
            info.putMetadata("node", fault.node());
        }
        if (fault.role() != null) {
            info.putMetadata("role", fault.role());
        }
        if (fault.detail() == null && fault.detailXml() != null) {
            info.putMetadata("detailXml", fault.detailXml());
        }
        com.google.rpc.Status.Builder details = com.google.rpc.Status.newBuilder().setCode(code.value())
                .setMessage(fault.reason() == null ? "" : fault.reason()).addDetails(Any.pack(info.build()));
        if (fault.detail() != null) {
            details.addDetails(Any.pack(fault.detail()));
        }
        return new GrpcStatus(code, fault.reason(), details.build());
    }
}

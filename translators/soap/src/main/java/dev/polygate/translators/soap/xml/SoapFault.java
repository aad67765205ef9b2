package dev.polygate.translators.soap.xml;

import com.google.protobuf.DynamicMessage;
import dev.polygate.translators.soap.wsdl.SoapVersion;
import java.util.List;
import javax.xml.namespace.QName;

/**
 * A SOAP Fault. SOAP 1.1: faultcode, faultstring, faultactor, detail. SOAP 1.2: Code/Value + Subcode chain,
 * Reason/Text (the {@code xml:lang="en"} one, else the first), Node, Role, Detail.
 *
 * @param code          the fault code, resolved to its namespace (e.g. {soap-env}Client, {soap-env}Sender)
 * @param subcodes      SOAP 1.2 Subcode values, outermost first; empty for 1.1
 * @param reason        faultstring or Reason/Text
 * @param actor         SOAP 1.1 faultactor, or null
 * @param node          SOAP 1.2 Node, or null
 * @param role          SOAP 1.2 Role, or null
 * @param detailElement the first element inside detail/Detail, or null
 * @param detail        that element read into the declared wsdl:fault message, when it is one; else null
 * @param detailXml     the content of detail/Detail as XML text (every element), or null without detail
 */
public record SoapFault(SoapVersion version, QName code, List<QName> subcodes, String reason, String actor, String node,
                        String role, QName detailElement, DynamicMessage detail, String detailXml) {
    public SoapFault {
        subcodes = List.copyOf(subcodes);
    }

    /** Whether the sender is to blame: SOAP 1.1 {@code Client} (and {@code Client.*}), SOAP 1.2 {@code Sender}. */
    public boolean isClientFault() {
        if (code == null || !version.envelopeNamespace().equals(code.getNamespaceURI())) {
            return false;
        }
        String local = code.getLocalPart();
        return version == SoapVersion.SOAP_11 ? local.equals("Client") || local.startsWith("Client.") : local.equals("Sender");
    }
}

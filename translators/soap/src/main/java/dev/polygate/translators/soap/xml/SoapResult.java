package dev.polygate.translators.soap.xml;

import com.google.protobuf.DynamicMessage;
import java.util.List;

/** What a SOAP backend answered: the output message, or a Fault. */
public sealed interface SoapResult {
    /**
     * @param message   the Body content read into the operation's output message
     * @param headerXml each SOAP header entry of the answer that is not read into the message (as a declared
     *                  header part), as standalone XML text
     */
    record Output(DynamicMessage message, List<String> headerXml) implements SoapResult {
        public Output {
            headerXml = List.copyOf(headerXml);
        }
    }

    /** A SOAP Fault, whatever the HTTP status it came with. */
    record Fault(SoapFault fault) implements SoapResult {
    }
}

package dev.polygate.translators.soap.wsdl;

import java.util.Optional;

/**
 * The SOAP version of a port, from its binding's namespace, and what differs on the wire between the two: the
 * envelope namespace, the content type, and where the action travels.
 */
public enum SoapVersion {
    SOAP_11("http://schemas.xmlsoap.org/wsdl/soap/", "http://schemas.xmlsoap.org/soap/envelope/", "text/xml"),
    SOAP_12("http://schemas.xmlsoap.org/wsdl/soap12/", "http://www.w3.org/2003/05/soap-envelope",
            "application/soap+xml");

    private final String bindingNamespace;
    private final String envelopeNamespace;
    private final String mediaType;

    SoapVersion(String bindingNamespace, String envelopeNamespace, String mediaType) {
        this.bindingNamespace = bindingNamespace;
        this.envelopeNamespace = envelopeNamespace;
        this.mediaType = mediaType;
    }

    /** The namespace of the WSDL binding extension ({@code soap:binding}, {@code soap12:binding}). */
    public String bindingNamespace() {
        return bindingNamespace;
    }

    /** The namespace of {@code Envelope}, {@code Header}, {@code Body} and {@code Fault}. */
    public String envelopeNamespace() {
        return envelopeNamespace;
    }

    /** {@code text/xml} or {@code application/soap+xml}, without parameters. */
    public String mediaType() {
        return mediaType;
    }

    /**
     * The Content-Type of a request. SOAP 1.2 carries a non-empty action as the {@code action} parameter; SOAP 1.1
     * carries it in the SOAPAction header instead ({@link #soapActionHeader}).
     */
    public String contentType(String action) {
        if (this == SOAP_12 && action != null && !action.isEmpty()) {
            return mediaType + "; charset=utf-8; action=\"" + action + "\"";
        }
        return mediaType + "; charset=utf-8";
    }

    /**
     * The value of the SOAPAction header: SOAP 1.1 always sends it, quoted, {@code ""} when the action is empty;
     * SOAP 1.2 has no such header.
     */
    public Optional<String> soapActionHeader(String action) {
        return this == SOAP_11 ? Optional.of("\"" + (action == null ? "" : action) + "\"") : Optional.empty();
    }
}

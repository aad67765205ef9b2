package dev.polygate.translators.soap.xml;

/**
 * A backend answer that is not a usable SOAP message: not XML, not an envelope of the expected version, a DTD, too
 * deep, or content that does not fit the operation's schema. The message says what was received.
 */
public final class SoapProtocolException extends Exception {
    static final String NO_DTD = "DTDs are not allowed in SOAP messages";
    private static final long serialVersionUID = 1L;

    public SoapProtocolException(String message) {
        super(message);
    }

    public SoapProtocolException(String message, Throwable cause) {
        super(message, cause);
    }
}

package dev.polygate.translators.soap.xml;

/**
 * A backend answer that is not a usable SOAP message: not XML, not an envelope of the expected version, a DTD, too
 * deep, or content that does not fit the operation's schema. The message says what was received.
 */
public final class SoapProtocolException extends Exception {
    static final String NO_DTD = "DTDs are not allowed in SOAP messages";
    private static final long serialVersionUID = 1L;
    private final String evidence;

    public SoapProtocolException(String message) {
        this(message, (String) null);
    }

    public SoapProtocolException(String message, Throwable cause) {
        super(message, cause);
        this.evidence = null;
    }

    /** @param evidence what the backend sent, for the log only: an error page may show what clients must not see */
    public SoapProtocolException(String message, String evidence) {
        super(message);
        this.evidence = evidence;
    }

    /** The message, followed by what the backend sent when that is kept for the access log only. */
    public String logDetail() {
        return evidence == null ? getMessage() : getMessage() + ": " + evidence;
    }
}

package dev.polygate.translators.soap.wsdl;

import java.util.Objects;
import javax.xml.namespace.QName;

/**
 * A fault an operation declares: the content of the SOAP Fault's {@code detail} (1.1) or {@code Detail} (1.2).
 *
 * @param name   the fault name of the operation
 * @param detail the single part of the fault message; normally an element
 */
public record WsdlFault(String name, MessagePart detail) {
    public WsdlFault {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(detail, "detail");
    }

    /** The element of the detail entry, or null when the fault part names a type. */
    public QName element() {
        return detail.element();
    }
}

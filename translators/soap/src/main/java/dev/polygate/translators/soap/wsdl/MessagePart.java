package dev.polygate.translators.soap.wsdl;

import java.util.Objects;
import javax.xml.namespace.QName;

/**
 * One part of a WSDL message as it travels in the SOAP Body or a SOAP header. Document style parts name a global
 * element; rpc/literal parts usually name a type (the accessor element is then the part name, unqualified) and may
 * name an element instead. Exactly one of {@code element} and {@code type} is non-null.
 *
 * @param name    the part name
 * @param element the global element declaration, or null
 * @param type    the schema type, or null
 */
public record MessagePart(String name, QName element, QName type) {
    public MessagePart {
        Objects.requireNonNull(name, "name");
        if ((element == null) == (type == null)) {
            throw new IllegalArgumentException("part " + name + " needs exactly one of element and type");
        }
    }
}

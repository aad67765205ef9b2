package dev.polygate.translators.soap.schema;

import dev.polygate.xml.v1.XmlFieldKind;

/**
 * One field-to-be of a message, as collected from the schema in document order, before names are allocated.
 *
 * @param xmlName the element's or attribute's local name; "" for values, wildcards and groups
 * @param namespace "" when unqualified
 * @param maxOccurs {@link Long#MAX_VALUE} when unbounded
 * @param choice identifies the xs:choice (oneof) the member belongs to, null outside one
 * @param jsonHint the JSON key wanted: the XML name, or "value", "choice", "sequence", "any", "anyAttributes"
 */
record Member(XmlFieldKind kind, String xmlName, String namespace, FieldType type, long minOccurs, long maxOccurs,
        boolean nillable, Object choice, String jsonHint) {
    static final long UNBOUNDED = Long.MAX_VALUE;

    boolean repeated() {
        return maxOccurs > 1;
    }

    /** The same member with minOccurs 0: a SOAP header the caller may leave out. */
    Member optional() {
        return new Member(kind, xmlName, namespace, type, 0, maxOccurs, nillable, choice, jsonHint);
    }

    Member outsideChoice() {
        return new Member(kind, xmlName, namespace, type, 0, maxOccurs, nillable, null, jsonHint);
    }
}

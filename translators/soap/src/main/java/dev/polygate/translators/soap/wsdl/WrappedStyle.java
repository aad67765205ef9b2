package dev.polygate.translators.soap.wsdl;

import java.util.List;
import javax.xml.namespace.QName;
import org.apache.ws.commons.schema.XmlSchemaCollection;
import org.apache.ws.commons.schema.XmlSchemaComplexType;
import org.apache.ws.commons.schema.XmlSchemaElement;
import org.apache.ws.commons.schema.XmlSchemaSequence;
import org.apache.ws.commons.schema.XmlSchemaSequenceMember;
import org.apache.ws.commons.schema.XmlSchemaType;

/**
 * Tells document/literal wrapped from bare, by the convention JAX-WS and .NET generate and their clients expect:
 * one input part whose element is named after the operation, one output part named {@code <operation>Response}
 * (or none for one-way), both elements of a complex type that is a plain sequence of elements (no attributes, no
 * wildcards, no choice, no derivation), so that the wrapper's children can be read as the parameters.
 */
final class WrappedStyle {
    private WrappedStyle() {
    }

    static boolean isWrapped(String operation, List<MessagePart> input, List<MessagePart> output, boolean oneWay,
                             XmlSchemaCollection schemas) {
        if (!isWrapper(input, operation, schemas)) {
            return false;
        }
        return oneWay ? output.isEmpty() : isWrapper(output, operation + "Response", schemas);
    }

    private static boolean isWrapper(List<MessagePart> parts, String name, XmlSchemaCollection schemas) {
        if (parts.size() != 1) {
            return false;
        }
        QName elementName = parts.get(0).element();
        if (elementName == null || !elementName.getLocalPart().equals(name)) {
            return false;
        }
        XmlSchemaElement element = schemas.getElementByQName(elementName);
        if (element == null) {
            return false;
        }
        XmlSchemaType type = element.getSchemaType();
        if (type == null && element.getSchemaTypeName() != null) {
            type = schemas.getTypeByQName(element.getSchemaTypeName());
        }
        return type instanceof XmlSchemaComplexType complex && isPlainSequence(complex);
    }

    private static boolean isPlainSequence(XmlSchemaComplexType type) {
        if (!type.getAttributes().isEmpty() || type.getAnyAttribute() != null || type.getContentModel() != null
                || type.isMixed()) {
            return false;
        }
        if (type.getParticle() == null) {
            return true; // no parameters at all: <complexType/> or <complexType><sequence/></complexType>
        }
        if (!(type.getParticle() instanceof XmlSchemaSequence sequence)) {
            return false;
        }
        for (XmlSchemaSequenceMember member : sequence.getItems()) {
            if (!(member instanceof XmlSchemaElement)) {
                return false;
            }
        }
        return true;
    }
}

package dev.polygate.translators.soap.wsdl;

import java.util.List;
import javax.wsdl.Definition;
import javax.wsdl.Types;
import javax.wsdl.extensions.UnknownExtensibilityElement;
import javax.wsdl.extensions.schema.Schema;
import org.apache.ws.commons.schema.XmlSchemaCollection;
import org.w3c.dom.Element;

/**
 * Reads every {@code xsd:schema} of every {@code wsdl:types} into one XmlSchemaCollection, each with its WSDL
 * document's URI as base so that relative schemaLocations resolve against that document, and everything they
 * import or include through {@link SchemaResolver}.
 */
final class SchemaLoader {
    private static final String XSD = "http://www.w3.org/2001/XMLSchema";

    private SchemaLoader() {
    }

    static XmlSchemaCollection load(List<Definition> definitions, DocumentFetcher fetcher) {
        XmlSchemaCollection collection = new XmlSchemaCollection();
        SchemaResolver resolver = new SchemaResolver(fetcher);
        collection.setSchemaResolver(resolver);
        SchemaResolver.preload(collection);
        for (Definition definition : definitions) {
            Types types = definition.getTypes();
            if (types == null) {
                continue;
            }
            String base = definition.getDocumentBaseURI();
            int index = 0;
            for (Object extension : types.getExtensibilityElements()) {
                Element schema = schemaElement(extension);
                if (schema == null) {
                    continue;
                }
                collection.setBaseUri(base);
                // inline schemas share their document: the fragment keeps them apart in the collection (which keys
                // schemas by namespace and system id) and is ignored when relative locations are resolved
                collection.read(schema, base + "#types-schema-" + index++);
            }
        }
        return collection;
    }

    private static Element schemaElement(Object extension) {
        Element element = null;
        if (extension instanceof Schema schema) {
            element = schema.getElement();
        } else if (extension instanceof UnknownExtensibilityElement unknown) {
            element = unknown.getElement();
        }
        if (element != null && XSD.equals(element.getNamespaceURI()) && "schema".equals(element.getLocalName())) {
            return element;
        }
        return null;
    }
}

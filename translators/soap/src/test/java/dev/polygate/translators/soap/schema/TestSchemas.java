package dev.polygate.translators.soap.schema;

import dev.polygate.spi.ConfigException;
import java.io.InputStream;
import java.util.List;
import javax.xml.XMLConstants;
import javax.xml.namespace.QName;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import org.apache.ws.commons.schema.XmlSchemaCollection;
import org.w3c.dom.Document;

/** Reads the test fixtures into a schema collection with a parser that refuses DTDs, and compiles them. */
final class TestSchemas {
    static final String SHOP = "urn:polygate:test:shop";
    static final String OTHER = "urn:polygate:test:other";

    private TestSchemas() {
    }

    /** other.xsd first: shop.xsd imports its namespace without a schemaLocation. */
    static XmlSchemaCollection shop() throws Exception {
        XmlSchemaCollection schemas = new XmlSchemaCollection();
        read(schemas, "other.xsd");
        read(schemas, "shop.xsd");
        return schemas;
    }

    static CompiledSchema compileShop(String... elements) throws Exception {
        return compile(shop(), elements);
    }

    static CompiledSchema compile(XmlSchemaCollection schemas, String... elements) throws ConfigException {
        List<QName> names = java.util.Arrays.stream(elements).map(e -> e.startsWith("o:")
                ? new QName(OTHER, e.substring(2)) : new QName(SHOP, e)).toList();
        return SchemaCompiler.compile(schemas, new SchemaRequest("polygate.test.shop", "polygate/test/shop.proto", names,
                List.of()));
    }

    static void read(XmlSchemaCollection schemas, String name) throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(true);
        factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
        factory.setXIncludeAware(false);
        factory.setExpandEntityReferences(false);
        DocumentBuilder builder = factory.newDocumentBuilder();
        try (InputStream in = TestSchemas.class.getResourceAsStream(name)) {
            Document document = builder.parse(in);
            schemas.read(document, TestSchemas.class.getResource(name).toString());
        }
    }
}

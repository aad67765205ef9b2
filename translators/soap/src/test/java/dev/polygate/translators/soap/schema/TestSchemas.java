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

    /**
     * The shop with {@code ALL} of {@link SchemaCompilerTest} and two messages carrying SOAP headers: an Order
     * request (a body with an enum, a choice and an anyAttribute map) with comment and count headers, and an
     * rpc-style request.
     */
    static CompiledSchema compileShopWithHeaders() throws Exception {
        List<QName> names = java.util.Arrays.stream(SchemaCompilerTest.ALL).map(e -> e.startsWith("o:")
                ? new QName(OTHER, e.substring(2)) : new QName(SHOP, e)).toList();
        QName rpc = new QName("urn:rpc", "Ship");
        List<SchemaRequest.RpcPart> headers = List.of(new SchemaRequest.RpcPart("note", null, new QName(SHOP, "comment")),
                new SchemaRequest.RpcPart("count", null, new QName(SHOP, "count")));
        return SchemaCompiler.compile(shop(), new SchemaRequest("polygate.test.shop", "polygate/test/shop.proto", names,
                List.of(new SchemaRequest.RpcMessage(rpc, List.of(SchemaRequest.RpcPart.ofType("weight",
                        new QName(XMLConstants.W3C_XML_SCHEMA_NS_URI, "int"))))),
                List.of(new SchemaRequest.HeaderedMessage("OrderRequest", new QName(SHOP, "Order"), false, headers),
                        new SchemaRequest.HeaderedMessage("ShipRequest", rpc, true, headers.subList(0, 1)))));
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

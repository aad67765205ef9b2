package dev.polygate.translators.soap.json;

import com.google.protobuf.Descriptors.Descriptor;
import dev.polygate.translators.soap.schema.CompiledSchema;
import dev.polygate.translators.soap.schema.SchemaCompiler;
import dev.polygate.translators.soap.schema.SchemaRequest;
import java.io.InputStream;
import java.util.Arrays;
import java.util.List;
import javax.xml.XMLConstants;
import javax.xml.namespace.QName;
import javax.xml.parsers.DocumentBuilderFactory;
import org.apache.ws.commons.schema.XmlSchemaCollection;

/** The schema compiler's fixtures (shop.xsd, other.xsd), compiled once for the JSON tests. */
final class ShopSchema {
    static final String SHOP = "urn:polygate:test:shop";
    private static final String DIR = "/dev/polygate/translators/soap/schema/";
    private static final CompiledSchema SCHEMA = compile("Add", "Order", "Playlist", "Builtins", "Tree", "count");

    private ShopSchema() {
    }

    static Descriptor element(String name) {
        return SCHEMA.messageForElement(new QName(SHOP, name)).orElseThrow();
    }

    private static CompiledSchema compile(String... elements) {
        try {
            XmlSchemaCollection schemas = new XmlSchemaCollection();
            read(schemas, "other.xsd"); // shop.xsd imports its namespace without a schemaLocation
            read(schemas, "shop.xsd");
            List<QName> names = Arrays.stream(elements).map(e -> new QName(SHOP, e)).toList();
            return SchemaCompiler.compile(schemas, new SchemaRequest("polygate.test.shop", "polygate/test/shop.proto",
                    names, List.of()));
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private static void read(XmlSchemaCollection schemas, String name) throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(true);
        factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
        try (InputStream in = ShopSchema.class.getResourceAsStream(DIR + name)) {
            schemas.read(factory.newDocumentBuilder().parse(in), ShopSchema.class.getResource(DIR + name).toString());
        }
    }
}

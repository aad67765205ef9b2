package dev.polygate.translators.soap.xml;

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

/** The schema package's XSD fixtures compiled into descriptors, as the codec receives them. */
final class Schemas {
    static final String SHOP = "urn:polygate:test:shop";
    static final String OTHER = "urn:polygate:test:other";
    private static CompiledSchema shop;

    private Schemas() {
    }

    static synchronized CompiledSchema shop() {
        if (shop == null) {
            try {
                XmlSchemaCollection schemas = new XmlSchemaCollection();
                read(schemas, "other.xsd");
                read(schemas, "shop.xsd");
                List<QName> elements = Arrays.stream(new String[] {"Add", "AddResponse", "Order", "Customer", "Playlist",
                        "Builtins", "Dog", "Tree", "Mangled", "count", "comment"}).map(e -> new QName(SHOP, e)).toList();
                List<QName> all = new java.util.ArrayList<>(elements);
                all.add(new QName(OTHER, "Memo"));
                shop = SchemaCompiler.compile(schemas, new SchemaRequest("polygate.test.shop", "polygate/test/shop.proto",
                        all, List.of()));
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }
        return shop;
    }

    static Descriptor element(String local) {
        return shop().messageForElement(local.startsWith("o:") ? new QName(OTHER, local.substring(2)) : new QName(SHOP, local))
                .orElseThrow();
    }

    private static void read(XmlSchemaCollection schemas, String name) throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(true);
        factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
        String path = "/dev/polygate/translators/soap/schema/" + name;
        try (InputStream in = Schemas.class.getResourceAsStream(path)) {
            schemas.read(factory.newDocumentBuilder().parse(in), Schemas.class.getResource(path).toString());
        }
    }
}

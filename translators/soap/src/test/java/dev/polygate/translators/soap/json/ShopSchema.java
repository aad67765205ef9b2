package dev.polygate.translators.soap.json;

import com.google.protobuf.Descriptors.Descriptor;
import dev.polygate.translators.soap.schema.CompiledSchema;
import dev.polygate.translators.soap.schema.SchemaCompiler;
import dev.polygate.translators.soap.schema.SchemaRequest;
import java.io.InputStream;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;
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

    /** A Builtins element with every value good, as JSON literals by key. */
    static Map<String, String> goodBuiltins() {
        Map<String, String> json = new LinkedHashMap<>();
        json.put("aString", "\"s\"");
        json.put("aBoolean", "true");
        json.put("aDecimal", "\"-1.50\"");
        json.put("anInteger", "\"123456789012345678901234567890\"");
        json.put("aNonNegativeInteger", "0");
        json.put("aLong", "\"-9223372036854775808\"");
        json.put("anInt", "-2147483648");
        json.put("aShort", "-32768");
        json.put("aByte", "127");
        json.put("anUnsignedLong", "\"18446744073709551615\"");
        json.put("anUnsignedInt", "4294967295");
        json.put("aFloat", "1.5");
        json.put("aDouble", "\"NaN\"");
        json.put("aDateTime", "\"2024-02-29T24:00:00Z\"");
        json.put("aDate", "\"-0001-12-31+14:00\"");
        json.put("aTime", "\"13:20:00.25\"");
        json.put("aDuration", "\"-P1Y2M3DT4H5M6.7S\"");
        json.put("aBase64Binary", "\"AQI=\"");
        json.put("aHexBinary", "\"AQI=\"");
        json.put("aQName", "\"{urn:x}a\"");
        json.put("anAnyURI", "\"http://example.com/\"");
        json.put("aList", "\"1 2 3\"");
        json.put("aRestrictedDecimal", "\"1.25\"");
        return json;
    }

    /** The Builtins element as JSON, good but for {@code key}, which holds the JSON literal {@code value}. */
    static String builtins(String key, String value) {
        Map<String, String> json = goodBuiltins();
        json.put(key, value);
        StringJoiner object = new StringJoiner(",", "{", "}");
        json.forEach((k, v) -> object.add("\"" + k + "\":" + v));
        return object.toString();
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

package dev.polygate.translators.soap.wsdl;

import dev.polygate.spi.ConfigException;
import java.io.ByteArrayInputStream;
import java.io.StringReader;
import java.net.URI;
import java.util.Map;
import org.apache.ws.commons.schema.XmlSchemaCollection;
import org.apache.ws.commons.schema.resolver.CollectionURIResolver;
import org.xml.sax.InputSource;

/**
 * Resolves {@code xsd:import} and {@code xsd:include} for XmlSchema: a location relative to the schema that names it,
 * fetched by our {@link DocumentFetcher}. Namespaces everyone knows (the XML namespace, SOAP encoding, the WSDL
 * namespace, the SOAP envelopes) come from small built-in schemas whether or not a location is given, so that a
 * service description never makes the gateway download from w3.org or xmlsoap.org, and imports without a location
 * for them resolve. The XML namespace's attributes are declared; the others are empty (SOAP encoding is refused
 * anyway, and nothing literal needs their contents).
 */
final class SchemaResolver implements CollectionURIResolver {
    private static final String XSD = "http://www.w3.org/2001/XMLSchema";

    /** The attributes of the XML namespace that schemas reference ({@code ref="xml:lang"}). */
    private static final String XML_NAMESPACE_SCHEMA = """
            <xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema"
                       targetNamespace="http://www.w3.org/XML/1998/namespace">
              <xs:attribute name="lang" type="xs:language"/>
              <xs:attribute name="space">
                <xs:simpleType>
                  <xs:restriction base="xs:NCName">
                    <xs:enumeration value="default"/>
                    <xs:enumeration value="preserve"/>
                  </xs:restriction>
                </xs:simpleType>
              </xs:attribute>
              <xs:attribute name="base" type="xs:anyURI"/>
              <xs:attribute name="id" type="xs:ID"/>
            </xs:schema>""";

    private static final Map<String, String> WELL_KNOWN = Map.of(
            "http://www.w3.org/XML/1998/namespace", XML_NAMESPACE_SCHEMA,
            "http://schemas.xmlsoap.org/soap/encoding/", empty("http://schemas.xmlsoap.org/soap/encoding/"),
            "http://www.w3.org/2003/05/soap-encoding", empty("http://www.w3.org/2003/05/soap-encoding"),
            "http://schemas.xmlsoap.org/wsdl/", empty("http://schemas.xmlsoap.org/wsdl/"),
            "http://schemas.xmlsoap.org/soap/envelope/", empty("http://schemas.xmlsoap.org/soap/envelope/"),
            "http://www.w3.org/2003/05/soap-envelope", empty("http://www.w3.org/2003/05/soap-envelope"));

    private final DocumentFetcher fetcher;
    private String collectionBase;

    SchemaResolver(DocumentFetcher fetcher) {
        this.fetcher = fetcher;
    }

    /**
     * Adds the built-in schemas to {@code collection}. XmlSchema does not consult the resolver for an import without a
     * location, so they have to be there beforehand for such imports to resolve.
     */
    static void preload(XmlSchemaCollection collection) {
        WELL_KNOWN.keySet().stream().sorted().forEach(namespace -> collection.read(builtIn(namespace)));
    }

    @Override
    public InputSource resolveEntity(String namespace, String schemaLocation, String baseUri) {
        if (namespace != null && WELL_KNOWN.containsKey(namespace)) {
            return builtIn(namespace);
        }
        if (schemaLocation == null || schemaLocation.isBlank()) {
            // an import by namespace alone: another schema of the WSDL, or XML Schema itself, declares it
            return null;
        }
        String referrer = baseUri != null ? baseUri : collectionBase;
        try {
            URI base = referrer == null ? null : URI.create(referrer);
            DocumentFetcher.Fetched fetched = fetcher.fetch(DocumentFetcher.resolve(base, schemaLocation));
            InputSource source = new InputSource(new ByteArrayInputStream(fetched.bytes()));
            source.setSystemId(fetched.uri().toString());
            return source;
        } catch (ConfigException e) {
            throw new ImportFailure(ImportFailure.importedBy(e, "xsd:import/include", withoutFragment(referrer)));
        }
    }

    @Override
    public void setCollectionBaseURI(String uri) {
        collectionBase = uri;
    }

    @Override
    public String getCollectionBaseURI() {
        return collectionBase;
    }

    private static InputSource builtIn(String namespace) {
        InputSource source = new InputSource(new StringReader(WELL_KNOWN.get(namespace)));
        source.setSystemId("urn:polygate:builtin-schema:" + namespace);
        return source;
    }

    static boolean isXmlSchemaNamespace(String namespace) {
        return XSD.equals(namespace);
    }

    private static String withoutFragment(String uri) {
        if (uri == null) {
            return null;
        }
        int hash = uri.indexOf('#');
        return hash < 0 ? uri : uri.substring(0, hash);
    }

    private static String empty(String namespace) {
        return "<xs:schema xmlns:xs=\"" + XSD + "\" targetNamespace=\"" + namespace + "\"/>";
    }
}

package dev.polygate.wsdl;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashSet;
import java.util.Set;
import javax.xml.XMLConstants;
import javax.xml.validation.SchemaFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/** Every service's {@code ?wsdl} and every schema it reaches are served, parse, and compile as XSD. */
@Timeout(60)
class ServedContractsTest {

    private static SoapServices services;

    @BeforeAll
    static void start() {
        services = SoapServices.start();
    }

    @AfterAll
    static void stop() {
        services.close();
    }

    @Test
    void everyServiceIsListed() {
        assertThat(services.names()).containsExactlyInAnyOrder("calculator", "calculator12", "orders",
                "inventory", "legacy", "telemetry", "catalog", "notices", "tally", "values");
    }

    @Test
    void everyWsdlAndEverySchemaItReachesIsServedAndCompiles() throws Exception {
        for (String name : services.names()) {
            Set<URI> schemas = reachableSchemas(services.wsdl(name));
            for (URI schema : schemas) {
                assertThat(schema.getQuery()).as(schema.toString()).startsWith("xsd=");
                compile(schema);
            }
            if (name.equals(SoapServices.ORDERS) || name.equals(SoapServices.LEGACY)) {
                assertThat(schemas).as(name).hasSize(2);
            }
        }
    }

    @Test
    void theStaticCatalogSchemaCompilesThroughItsRelativeInclude() throws Exception {
        compile(services.contract("testservices/catalog/types/catalog-types.xsd"));
    }

    /** Follows schemaLocation attributes from a WSDL, each resolved against the document holding it. */
    private static Set<URI> reachableSchemas(URI wsdl) {
        Set<URI> seen = new LinkedHashSet<>();
        Deque<URI> pending = new ArrayDeque<>();
        pending.add(wsdl);
        while (!pending.isEmpty()) {
            URI document = pending.poll();
            XmlResponse response = SoapClient.get(document);
            assertThat(response.status()).as(document.toString()).isEqualTo(200);
            NodeList references = response.document().getElementsByTagNameNS(
                    XMLConstants.W3C_XML_SCHEMA_NS_URI, "*");
            for (int i = 0; i < references.getLength(); i++) {
                Element element = (Element) references.item(i);
                String location = element.getAttribute("schemaLocation");
                if (!location.isEmpty()) {
                    URI target = document.resolve(location);
                    if (seen.add(target)) {
                        pending.add(target);
                    }
                }
            }
        }
        return seen;
    }

    private static void compile(URI schema) throws Exception {
        SchemaFactory factory = SchemaFactory.newInstance(XMLConstants.W3C_XML_SCHEMA_NS_URI);
        // Only the loopback services' own documents are fetched here.
        factory.setProperty(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "http");
        factory.setProperty(XMLConstants.ACCESS_EXTERNAL_DTD, "");
        assertThat(factory.newSchema(schema.toURL())).as(schema.toString()).isNotNull();
    }
}

package dev.polygate.translators.soap.wsdl;

import static dev.polygate.translators.soap.wsdl.Fixtures.TIMEOUT;
import static dev.polygate.translators.soap.wsdl.Fixtures.uri;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import dev.polygate.spi.ConfigException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** No XML parser behind the importer processes a DTD: no entity reads a file, reaches a host or expands. */
class WsdlImporterSecurityTest {
    private static final String REFUSED = "DTDs are not allowed in WSDL or XSD documents";

    @Test
    void externalEntityIsRefused() {
        URI location = uri("security/xxe.wsdl");
        assertThatThrownBy(() -> WsdlImporter.load(location, TIMEOUT))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining(location + ": " + REFUSED)
                .hasMessageNotContaining("root:");
    }

    @Test
    void billionLaughsIsRefusedBeforeAnyExpansion() {
        URI location = uri("security/billion-laughs.wsdl");
        assertThatThrownBy(() -> WsdlImporter.load(location, TIMEOUT))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining(location + ": " + REFUSED);
    }

    @Test
    void entitiesInImportedSchemasAndWsdlsAreRefusedToo() {
        URI schema = uri("security/evil.xsd");
        assertThatThrownBy(() -> WsdlImporter.load(uri("security/evil-schema-import.wsdl"), TIMEOUT))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining(schema + ": " + REFUSED)
                .hasMessageContaining("xsd:import/include in " + uri("security/evil-schema-import.wsdl"));
        URI wsdl = uri("security/xxe.wsdl");
        assertThatThrownBy(() -> WsdlImporter.load(uri("security/evil-wsdl-import.wsdl"), TIMEOUT))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining(wsdl + ": " + REFUSED)
                .hasMessageContaining("wsdl:import in " + uri("security/evil-wsdl-import.wsdl"));
    }

    @Test
    void nothingIsReadFromTheFileSystemThroughAnEntity(@TempDir Path dir) throws Exception {
        Path secret = Files.writeString(dir.resolve("secret.txt"), "s3cr3t-value");
        Path wsdl = Files.writeString(dir.resolve("leak.wsdl"), """
                <?xml version="1.0"?>
                <!DOCTYPE definitions [ <!ENTITY leak SYSTEM "%s"> ]>
                <definitions xmlns="http://schemas.xmlsoap.org/wsdl/" targetNamespace="urn:&leak;">
                  <service name="&leak;"/>
                </definitions>
                """.formatted(secret.toUri()));
        assertThatThrownBy(() -> WsdlImporter.load(wsdl.toUri(), TIMEOUT))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining(REFUSED)
                .hasMessageNotContaining("s3cr3t-value");
    }

    @Test
    void anExternalDtdIsNeverFetched(@TempDir Path dir) throws Exception {
        AtomicInteger fetched = new AtomicInteger();
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            fetched.incrementAndGet();
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        server.start();
        try {
            String host = "http://127.0.0.1:" + server.getAddress().getPort();
            Path wsdl = Files.writeString(dir.resolve("dtd.wsdl"), """
                    <?xml version="1.0"?>
                    <!DOCTYPE definitions SYSTEM "%s/evil.dtd">
                    <definitions xmlns="http://schemas.xmlsoap.org/wsdl/" targetNamespace="urn:x"/>
                    """.formatted(host));
            assertThatThrownBy(() -> WsdlImporter.load(wsdl.toUri(), TIMEOUT))
                    .isInstanceOf(ConfigException.class).hasMessageContaining(REFUSED);
            assertThat(fetched).hasValue(0);
        } finally {
            server.stop(0);
        }
    }

    @Test
    void oversizedDocumentsAreRefused(@TempDir Path dir) throws Exception {
        Path big = dir.resolve("big.wsdl");
        byte[] padding = new byte[WsdlImporter.MAX_DOCUMENT_BYTES + 1];
        java.util.Arrays.fill(padding, (byte) ' ');
        Files.write(big, padding);
        assertThatThrownBy(() -> WsdlImporter.load(big.toUri(), TIMEOUT))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("larger than the limit of " + WsdlImporter.MAX_DOCUMENT_BYTES + " bytes");
    }

    /** XmlSchema walks nested types recursively: 2000 levels overflowed its stack, an error instead of a message. */
    @Test
    void deeplyNestedSchemaIsRefusedInsteadOfOverflowingTheStack(@TempDir Path dir) throws Exception {
        int levels = 2000;
        Path wsdl = Files.writeString(dir.resolve("deep.wsdl"), "<definitions xmlns=\"http://schemas.xmlsoap.org/wsdl/\""
                + " xmlns:x=\"http://www.w3.org/2001/XMLSchema\" targetNamespace=\"urn:d\"><types>"
                + "<x:schema targetNamespace=\"urn:d\"><x:element name=\"e\">"
                + "<x:complexType><x:sequence><x:element name=\"e\">".repeat(levels)
                + "</x:element></x:sequence></x:complexType>".repeat(levels)
                + "</x:element></x:schema></types></definitions>");
        assertThatThrownBy(() -> WsdlImporter.load(wsdl.toUri(), TIMEOUT))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining(wsdl.toUri() + ": refused: elements nested deeper than 256 levels");
    }
}

package dev.polygate.translators.soap.wsdl;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.polygate.spi.ConfigException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Attr;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NamedNodeMap;
import org.w3c.dom.NodeList;

/**
 * A WSDL document as a user might hand it over, imported from a file beside the shop schema (which it may import
 * as schema/shop.xsd and schema/other.xsd). The import either yields a definition or a ConfigException naming the
 * problem; any other exception or error is a crash. Inputs that would import something outside that directory are
 * skipped, so that the fuzzer never makes the importer reach the network or other files.
 */
class WsdlImporterFuzzTest {
    private static final Set<String> IMPORTING_ELEMENTS = Set.of("import", "include", "redefine", "override");
    private static final Path DIRECTORY = directoryWithSchemas();
    private static final Path DOCUMENT = DIRECTORY.resolve("fuzzed.wsdl");

    @FuzzTest(maxDuration = "3s")
    void importsOrExplains(byte[] input) throws IOException {
        if (importsFromElsewhere(input)) {
            return;
        }
        Files.write(DOCUMENT, input);
        try {
            WsdlDefinition definition = WsdlImporter.load(DOCUMENT.toUri(), Duration.ofSeconds(5));
            assertThat(definition.services()).isNotNull();
        } catch (ConfigException e) {
            assertThat(e.getMessage()).isNotBlank();
        }
    }

    /** True when the document names a location to import that is not a file in the directory. */
    private static boolean importsFromElsewhere(byte[] input) {
        Document document;
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newDefaultInstance();
            factory.setNamespaceAware(true);
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            document = factory.newDocumentBuilder().parse(new ByteArrayInputStream(input));
        } catch (Exception e) {
            return false; // the importer refuses it before reading any import
        }
        NodeList elements = document.getElementsByTagNameNS("*", "*");
        for (int i = 0; i < elements.getLength(); i++) {
            Element element = (Element) elements.item(i);
            if (!IMPORTING_ELEMENTS.contains(element.getLocalName())) {
                continue;
            }
            NamedNodeMap attributes = element.getAttributes();
            for (int j = 0; j < attributes.getLength(); j++) {
                Attr attribute = (Attr) attributes.item(j);
                String name = attribute.getLocalName() == null ? attribute.getName() : attribute.getLocalName();
                if (name.equalsIgnoreCase("location") || name.equalsIgnoreCase("schemaLocation")) {
                    if (!insideDirectory(attribute.getValue())) {
                        return true;
                    }
                }
            }
        }
        return false;
    }

    private static boolean insideDirectory(String location) {
        try {
            URI resolved = DocumentFetcher.resolve(DOCUMENT.toUri(), location);
            return "file".equals(resolved.getScheme()) && resolved.getAuthority() == null
                    && Path.of(resolved).normalize().startsWith(DIRECTORY);
        } catch (ConfigException | IllegalArgumentException e) {
            return true; // the importer refuses the location itself
        }
    }

    private static Path directoryWithSchemas() {
        try {
            Path directory = Files.createTempDirectory("wsdl-fuzz").toRealPath();
            Files.createDirectories(directory.resolve("schema"));
            for (String name : new String[] {"shop.xsd", "other.xsd"}) {
                try (InputStream in = WsdlImporterFuzzTest.class.getResourceAsStream(
                        "/dev/polygate/translators/soap/schema/" + name)) {
                    Files.copy(in, directory.resolve("schema").resolve(name));
                }
            }
            return directory;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

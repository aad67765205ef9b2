package dev.polygate.translators.soap.wsdl;

import dev.polygate.spi.ConfigException;
import dev.polygate.spi.ConfigException.Problem;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import javax.wsdl.Definition;
import javax.wsdl.WSDLException;
import javax.wsdl.factory.WSDLFactory;
import javax.wsdl.xml.WSDLReader;
import org.apache.ws.commons.schema.XmlSchemaCollection;
import org.w3c.dom.Element;

/**
 * Loads a WSDL 1.1 service description and everything it imports into a {@link WsdlDefinition}.
 *
 * <p>Every {@code wsdl:import}, {@code xsd:import} and {@code xsd:include} is resolved against the document that
 * contains it (files, and URLs such as {@code http://host/svc?wsdl} referring to {@code ?xsd=1}); nested and cyclic
 * references are read once each; includes without a targetNamespace take the includer's (chameleon); imports of
 * well-known namespaces (XML, SOAP encoding) need no location and never touch the network.
 *
 * <p>Only {@code file:}, {@code http:} and {@code https:} documents are read, each at most {@value #MAX_DOCUMENT_BYTES}
 * bytes, all within the given timeout. No XML parser ever processes a DTD: a document with a DOCTYPE is refused,
 * which rules out external entities and entity expansion.
 *
 * <p>Loading blocks on I/O: call it at start-up or reload, on a worker, never on an event loop.
 */
public final class WsdlImporter {
    /** The largest WSDL or XSD document read. */
    public static final int MAX_DOCUMENT_BYTES = 10 * 1024 * 1024;

    private static final String WSDL_11 = "http://schemas.xmlsoap.org/wsdl/";
    private static final String WSDL_20 = "http://www.w3.org/ns/wsdl";

    private WsdlImporter() {
    }

    /**
     * @param location an absolute {@code file:} or {@code http(s):} URI
     * @param timeout  the limit for fetching every document of the description together
     * @throws ConfigException naming the document and what failed: unreachable, too large, not XML, a DTD, not WSDL
     *                         1.1, an undefined reference, SOAP encoding, a part no schema declares
     */
    public static WsdlDefinition load(URI location, Duration timeout) throws ConfigException {
        Objects.requireNonNull(location, "location");
        if (timeout == null || timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("timeout must be positive");
        }
        if (!location.isAbsolute()) {
            throw new ConfigException("", location + ": the WSDL location must be an absolute file or http(s) URI");
        }
        DocumentFetcher fetcher = new DocumentFetcher(timeout, MAX_DOCUMENT_BYTES);
        DocumentFetcher.Fetched root = fetcher.fetch(DocumentFetcher.resolve(null, location.toString()));
        Element definitions = root.document().getDocumentElement();
        if (!WSDL_11.equals(definitions.getNamespaceURI()) || !"definitions".equals(definitions.getLocalName())) {
            throw new ConfigException("", root.uri() + ": not a WSDL 1.1 document (root element {"
                    + definitions.getNamespaceURI() + "}" + definitions.getLocalName() + ")"
                    + (WSDL_20.equals(definitions.getNamespaceURI()) ? "; WSDL 2.0 is not supported" : ""));
        }
        try {
            Definition definition = reader().readWSDL(new FetchingWsdlLocator(fetcher, root), definitions);
            List<Definition> all = DefinitionGraph.inOrder(definition, fetcher);
            XmlSchemaCollection schemas = SchemaLoader.load(all, fetcher);
            List<Problem> problems = new ArrayList<>();
            List<WsdlService> services =
                    new ServiceReader(all, fetcher, new OperationReader(all, schemas)).read(problems);
            if (!problems.isEmpty()) {
                throw new ConfigException(problems);
            }
            return new WsdlDefinition(root.uri(), definition.getTargetNamespace(), services, schemas);
        } catch (WSDLException e) {
            throw failure(root.uri(), e);
        } catch (RuntimeException e) {
            // wsdl4j and XmlSchema report broken documents with assorted runtime exceptions
            throw failure(root.uri(), e);
        }
    }

    private static ConfigException failure(URI root, Exception e) {
        ImportFailure tunnelled = ImportFailure.find(e);
        if (tunnelled != null) {
            return tunnelled.problem();
        }
        String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        return new ConfigException("", root + ": invalid WSDL or schema: " + message);
    }

    private static WSDLReader reader() throws WSDLException {
        WSDLReader reader = WSDLFactory.newInstance().newWSDLReader();
        reader.setFeature("javax.wsdl.verbose", false);
        reader.setFeature("javax.wsdl.importDocuments", true);
        // XmlSchema reads the schemas, through our resolver; wsdl4j would otherwise fetch them on its own
        reader.setFeature("com.ibm.wsdl.parseXMLSchemas", false);
        return reader;
    }
}

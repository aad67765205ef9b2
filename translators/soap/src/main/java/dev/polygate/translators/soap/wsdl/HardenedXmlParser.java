package dev.polygate.translators.soap.wsdl;

import dev.polygate.spi.ConfigException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.w3c.dom.Document;
import org.xml.sax.ErrorHandler;
import org.xml.sax.InputSource;
import org.xml.sax.SAXException;
import org.xml.sax.SAXParseException;

/**
 * Parses WSDL and XSD documents with every DTD feature off. A document with a DOCTYPE is refused outright, which
 * rules out external entities (XXE: reading local files, reaching internal hosts) and entity expansion bombs alike;
 * a service description never needs a DTD.
 *
 * <p>Every fetched document goes through here before wsdl4j or XmlSchema see its bytes, so the parsers inside those
 * libraries, which are not hardened, only ever read documents that are known to have no DOCTYPE.
 */
final class HardenedXmlParser {
    private static final String DISALLOW_DOCTYPE = "http://apache.org/xml/features/disallow-doctype-decl";
    /**
     * The deepest element nesting read. wsdl4j, XmlSchema and the schema compiler walk nested types recursively, so a
     * document nested a few thousand levels deep would overflow their stacks; real descriptions stay far below this.
     */
    static final int MAX_DEPTH = 256;
    private static final String MAX_ELEMENT_DEPTH = "jdk.xml.maxElementDepth";

    private final DocumentBuilderFactory factory;

    HardenedXmlParser() {
        // the JDK's own parser, whatever else is on the class path: the feature names below are its own
        factory = DocumentBuilderFactory.newDefaultInstance();
        factory.setNamespaceAware(true);
        factory.setValidating(false);
        factory.setXIncludeAware(false);
        factory.setExpandEntityReferences(false);
        try {
            factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            factory.setFeature(DISALLOW_DOCTYPE, true);
            factory.setFeature("http://xml.org/sax/features/external-general-entities", false);
            factory.setFeature("http://xml.org/sax/features/external-parameter-entities", false);
            factory.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
        } catch (ParserConfigurationException e) {
            throw new IllegalStateException("the JDK XML parser lacks a security feature", e);
        }
        factory.setAttribute(XMLConstants.ACCESS_EXTERNAL_DTD, "");
        factory.setAttribute(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
        factory.setAttribute(MAX_ELEMENT_DEPTH, String.valueOf(MAX_DEPTH));
    }

    /** @throws ConfigException naming {@code source} when the bytes are not well-formed or declare a DTD */
    Document parse(URI source, byte[] bytes) throws ConfigException {
        try {
            DocumentBuilder builder = factory.newDocumentBuilder();
            builder.setErrorHandler(RETHROW);
            // nothing may be resolved: with DOCTYPE refused this never runs, but a resolver that fails is the backstop
            builder.setEntityResolver((publicId, systemId) -> {
                throw new SAXException("DOCTYPE is disallowed (external entity " + systemId + ")");
            });
            InputSource input = new InputSource(new ByteArrayInputStream(bytes));
            input.setSystemId(source.toString());
            Document document = builder.parse(input);
            document.setDocumentURI(source.toString());
            return document;
        } catch (SAXParseException e) {
            throw new ConfigException("", source + ": " + describe(e) + " (line " + e.getLineNumber()
                    + ", column " + e.getColumnNumber() + ")");
        } catch (SAXException e) {
            throw new ConfigException("", source + ": " + describe(e));
        } catch (IOException | ParserConfigurationException e) {
            throw new ConfigException("", source + ": cannot be parsed: " + e.getMessage());
        }
    }

    private static String describe(SAXException e) {
        String message = String.valueOf(e.getMessage());
        if (message.contains("DOCTYPE")) {
            return "DTDs are not allowed in WSDL or XSD documents (a DOCTYPE can declare entities that read local "
                    + "files or expand without bound); remove the DOCTYPE";
        }
        if (message.contains("maxElementDepth")) {
            return "refused: elements nested deeper than " + MAX_DEPTH + " levels";
        }
        if (message.contains("entity") && message.contains("limit")) {
            return "refused: entity expansion limit exceeded";
        }
        return "not well-formed XML: " + message;
    }

    private static final ErrorHandler RETHROW = new ErrorHandler() {
        @Override
        public void warning(SAXParseException exception) {
        }

        @Override
        public void error(SAXParseException exception) throws SAXException {
            throw exception;
        }

        @Override
        public void fatalError(SAXParseException exception) throws SAXException {
            throw exception;
        }
    };
}

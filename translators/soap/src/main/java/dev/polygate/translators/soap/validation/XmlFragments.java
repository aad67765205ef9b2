package dev.polygate.translators.soap.validation;

import java.io.IOException;
import java.io.StringReader;
import javax.xml.XMLConstants;
import javax.xml.parsers.ParserConfigurationException;
import javax.xml.parsers.SAXParser;
import javax.xml.parsers.SAXParserFactory;
import org.xml.sax.InputSource;
import org.xml.sax.SAXException;
import org.xml.sax.SAXParseException;
import org.xml.sax.helpers.DefaultHandler;

/**
 * Checks the XML text of xs:any values: one well-formed element, namespace prefixes declared. It is pasted
 * into the SOAP body later, so broken text would break the whole envelope, and a DTD in it could expand
 * entities or reach out for external ones: DTDs are refused.
 */
public final class XmlFragments {

    private static final SAXParserFactory FACTORY = factory();

    private XmlFragments() {
    }

    /** Null when the text is one well-formed element, else the parser's complaint. */
    public static String problem(String text) {
        try {
            SAXParser parser = FACTORY.newSAXParser();
            parser.parse(new InputSource(new StringReader(text)), new DefaultHandler());
            return null;
        } catch (SAXParseException e) {
            return e.getMessage() + " (line " + e.getLineNumber() + ", column " + e.getColumnNumber() + ")";
        } catch (SAXException | IOException | ParserConfigurationException e) {
            return e.getMessage();
        }
    }

    private static SAXParserFactory factory() {
        try {
            SAXParserFactory f = SAXParserFactory.newInstance();
            f.setNamespaceAware(true);
            f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            f.setFeature("http://xml.org/sax/features/external-general-entities", false);
            f.setFeature("http://xml.org/sax/features/external-parameter-entities", false);
            f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            f.setXIncludeAware(false);
            return f;
        } catch (ParserConfigurationException | SAXException e) {
            throw new IllegalStateException("the XML parser cannot be made safe", e);
        }
    }
}

package dev.polygate.wsdl.cxf;

import java.io.StringReader;
import java.util.Iterator;
import java.util.Map;
import javax.xml.XMLConstants;
import javax.xml.namespace.NamespaceContext;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.xpath.XPath;
import javax.xml.xpath.XPathConstants;
import javax.xml.xpath.XPathFactory;
import org.w3c.dom.Document;
import org.w3c.dom.NodeList;
import org.xml.sax.InputSource;

/** An HTTP answer read as namespace-aware XML (DTDs refused) and queried by XPath with fixed prefixes. */
public record SoapReply(int status, String contentType, String body) {

    static final Map<String, String> PREFIXES = Map.of(
            "s11", SoapPost.SOAP11,
            "s12", SoapPost.SOAP12,
            "wsdl", "http://schemas.xmlsoap.org/wsdl/",
            "xsd", XMLConstants.W3C_XML_SCHEMA_NS_URI,
            "xsi", XMLConstants.W3C_XML_SCHEMA_INSTANCE_NS_URI,
            "wsse", "http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-wssecurity-secext-1.0.xsd",
            "sec", "http://polygate.dev/test/cxf/secure",
            "sh", "http://polygate.dev/test/cxf/shipments",
            "st", "http://polygate.dev/test/cxf/shipments/types",
            "r", "http://polygate.dev/test/cxf/rates");

    /** The string value of an XPath expression. */
    public String text(String expression) {
        try {
            return (String) xpath().evaluate(expression, document(), XPathConstants.STRING);
        } catch (Exception e) {
            throw new IllegalStateException("cannot evaluate " + expression + " on:\n" + body, e);
        }
    }

    /** How many nodes an XPath expression selects. */
    public int count(String expression) {
        try {
            return ((NodeList) xpath().evaluate(expression, document(), XPathConstants.NODESET)).getLength();
        } catch (Exception e) {
            throw new IllegalStateException("cannot evaluate " + expression + " on:\n" + body, e);
        }
    }

    /** The body as a DOM. */
    public Document document() {
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setNamespaceAware(true);
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            factory.setExpandEntityReferences(false);
            return factory.newDocumentBuilder().parse(new InputSource(new StringReader(body)));
        } catch (Exception e) {
            throw new IllegalStateException("not XML (HTTP " + status + "):\n" + body, e);
        }
    }

    private static XPath xpath() {
        XPath xpath = XPathFactory.newInstance().newXPath();
        xpath.setNamespaceContext(new NamespaceContext() {
            @Override
            public String getNamespaceURI(String prefix) {
                return PREFIXES.getOrDefault(prefix, XMLConstants.NULL_NS_URI);
            }

            @Override
            public String getPrefix(String namespaceUri) {
                return null;
            }

            @Override
            public Iterator<String> getPrefixes(String namespaceUri) {
                return null;
            }
        });
        return xpath;
    }
}

package dev.polygate.wsdl;

import java.io.StringReader;
import java.util.Iterator;
import java.util.Map;
import javax.xml.XMLConstants;
import javax.xml.namespace.NamespaceContext;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.xpath.XPathConstants;
import javax.xml.xpath.XPathFactory;
import org.w3c.dom.Document;
import org.w3c.dom.NodeList;
import org.xml.sax.InputSource;

/** An HTTP answer whose body is read as namespace-aware XML, queried by XPath with fixed prefixes. */
public record XmlResponse(int status, String contentType, String body) {

    /** Prefixes usable in {@link #text} and {@link #count}. */
    static final Map<String, String> PREFIXES = Map.ofEntries(
            Map.entry("s11", SoapClient.SOAP11_ENV),
            Map.entry("s12", SoapClient.SOAP12_ENV),
            Map.entry("wsdl", "http://schemas.xmlsoap.org/wsdl/"),
            Map.entry("xml", XMLConstants.XML_NS_URI),
            Map.entry("xsd", XMLConstants.W3C_XML_SCHEMA_NS_URI),
            Map.entry("xsi", XMLConstants.W3C_XML_SCHEMA_INSTANCE_NS_URI),
            Map.entry("t", "http://tempuri.org/"),
            Map.entry("o", "http://polygate.dev/test/orders"),
            Map.entry("ot", "http://polygate.dev/test/orders/types"),
            Map.entry("i", "http://polygate.dev/test/inventory"),
            Map.entry("l", "http://polygate.dev/test/legacy"),
            Map.entry("arr", "http://jaxb.dev.java.net/array"),
            Map.entry("c", "http://polygate.dev/test/catalog/types"),
            Map.entry("m", "http://polygate.dev/test/telemetry"),
            Map.entry("n", "http://polygate.dev/test/notices"),
            Map.entry("ty", "http://polygate.dev/test/tally"));

    /** The string value of an XPath expression over the body. */
    public String text(String xpath) {
        try {
            return (String) xpath().evaluate(xpath, document(), XPathConstants.STRING);
        } catch (Exception e) {
            throw new IllegalStateException("cannot evaluate " + xpath + " on:\n" + body, e);
        }
    }

    /** How many nodes an XPath expression selects. */
    public int count(String xpath) {
        try {
            return ((NodeList) xpath().evaluate(xpath, document(), XPathConstants.NODESET)).getLength();
        } catch (Exception e) {
            throw new IllegalStateException("cannot evaluate " + xpath + " on:\n" + body, e);
        }
    }

    /** The body parsed with DTDs refused, as every XML reader of the project must. */
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

    private static javax.xml.xpath.XPath xpath() {
        javax.xml.xpath.XPath xpath = XPathFactory.newInstance().newXPath();
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

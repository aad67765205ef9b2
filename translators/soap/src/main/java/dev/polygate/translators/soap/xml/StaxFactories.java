package dev.polygate.translators.soap.xml;

import com.ctc.wstx.api.WstxOutputProperties;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLOutputFactory;
import org.codehaus.stax2.XMLOutputFactory2;

/**
 * The StAX factories of the codec. Implementations are named, not looked up, so a StAX provider another library
 * puts on the class path cannot change the security settings or the output. Any other input factory can be
 * hardened with {@link #harden}.
 */
final class StaxFactories {
    /**
     * Woodstox reads: creating a reader per answer is several times cheaper than with the JDK's parser, which
     * showed as a tenth of the gateway's time per SOAP call. It is named, not looked up, and hardened the same way.
     */
    private static final XMLInputFactory INPUT = harden(new com.ctc.wstx.stax.WstxInputFactory());
    /**
     * Woodstox writes too: the JDK's writer builds a symbol table, namespace support and an element stack per
     * envelope and encodes byte by byte, about three times the cost of a whole small envelope with Woodstox.
     * Set up to write what the JDK's writer wrote: a double-quoted XML declaration, and an element started and
     * ended as a start and an end tag. Text that cannot be XML (control characters, "]]>" in a comment) is
     * refused rather than sent.
     */
    private static final XMLOutputFactory OUTPUT = output(new com.ctc.wstx.stax.WstxOutputFactory());

    private StaxFactories() {
    }

    static XMLInputFactory input() {
        return INPUT;
    }

    static XMLOutputFactory output() {
        return OUTPUT;
    }

    private static XMLOutputFactory output(XMLOutputFactory factory) {
        factory.setProperty(XMLOutputFactory.IS_REPAIRING_NAMESPACES, false);
        factory.setProperty(WstxOutputProperties.P_USE_DOUBLE_QUOTES_IN_XML_DECL, true);
        factory.setProperty(XMLOutputFactory2.P_AUTOMATIC_EMPTY_ELEMENTS, false);
        // Closing the writer closes its encoder too (the in-memory target does nothing on close), which is what
        // hands the encoder's buffer back for the next envelope instead of allocating kilobytes per envelope.
        factory.setProperty(XMLOutputFactory2.P_AUTO_CLOSE_OUTPUT, true);
        return factory;
    }

    /**
     * No DTD processing, no external entities, no entity replacement. Parsers still report a DOCTYPE as a DTD
     * event; the readers refuse the document on that event, before anything was expanded.
     */
    static XMLInputFactory harden(XMLInputFactory factory) {
        factory.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        factory.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        factory.setProperty(XMLInputFactory.IS_REPLACING_ENTITY_REFERENCES, false);
        factory.setProperty(XMLInputFactory.IS_NAMESPACE_AWARE, true);
        factory.setProperty(XMLInputFactory.IS_COALESCING, true);
        factory.setXMLResolver((publicId, systemId, base, namespace) -> {
            throw new javax.xml.stream.XMLStreamException("external resources are not fetched: " + systemId);
        });
        return factory;
    }
}

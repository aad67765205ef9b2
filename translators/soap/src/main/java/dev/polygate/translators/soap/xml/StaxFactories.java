package dev.polygate.translators.soap.xml;

import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLOutputFactory;

/**
 * The StAX factories of the codec. The JDK's own implementation is used by name, so a StAX provider another
 * library puts on the class path (JAX-WS brings woodstox) cannot change the security settings or the output.
 * Any other factory can be hardened with {@link #harden}.
 */
final class StaxFactories {
    /**
     * Woodstox reads: creating a reader per answer is several times cheaper than with the JDK's parser, which
     * showed as a tenth of the gateway's time per SOAP call. It is named, not looked up, and hardened the same way.
     */
    private static final XMLInputFactory INPUT = harden(new com.ctc.wstx.stax.WstxInputFactory());
    private static final XMLOutputFactory OUTPUT = XMLOutputFactory.newDefaultFactory();

    private StaxFactories() {
    }

    static XMLInputFactory input() {
        return INPUT;
    }

    static XMLOutputFactory output() {
        return OUTPUT;
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

package dev.polygate.translators.soap.xml;

import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;
import javax.xml.stream.util.StreamReaderDelegate;

/**
 * Refuses elements nested deeper than a limit below where reading started, so hostile input cannot drive the
 * recursive descent into a stack overflow. Every read goes through {@link #next()}.
 */
final class DepthLimitedReader extends StreamReaderDelegate {
    private final int limit;
    private int depth;

    DepthLimitedReader(XMLStreamReader reader, int limit) {
        super(reader);
        this.limit = limit;
        this.depth = reader.getEventType() == XMLStreamConstants.START_ELEMENT ? 1 : 0;
    }

    @Override
    public int next() throws XMLStreamException {
        int event = super.next();
        if (event == XMLStreamConstants.START_ELEMENT) {
            if (++depth > limit) {
                throw new XMLStreamException("elements are nested more than " + limit + " deep", getLocation());
            }
        } else if (event == XMLStreamConstants.END_ELEMENT) {
            depth--;
        } else if (event == XMLStreamConstants.DTD) {
            throw new XMLStreamException(SoapProtocolException.NO_DTD);
        }
        return event;
    }

    @Override
    public int nextTag() throws XMLStreamException {
        int event = next();
        while (event == XMLStreamConstants.CHARACTERS && isWhiteSpace() || event == XMLStreamConstants.SPACE
                || event == XMLStreamConstants.COMMENT || event == XMLStreamConstants.PROCESSING_INSTRUCTION) {
            event = next();
        }
        if (event != XMLStreamConstants.START_ELEMENT && event != XMLStreamConstants.END_ELEMENT) {
            throw new XMLStreamException("expected an element, found text", getLocation());
        }
        return event;
    }

    @Override
    public String getElementText() throws XMLStreamException {
        StringBuilder text = new StringBuilder();
        int event = next();
        while (event != XMLStreamConstants.END_ELEMENT) {
            if (event == XMLStreamConstants.START_ELEMENT) {
                throw new XMLStreamException("expected text, found element " + getName(), getLocation());
            }
            if (event == XMLStreamConstants.CHARACTERS || event == XMLStreamConstants.CDATA
                    || event == XMLStreamConstants.SPACE) {
                text.append(getText());
            }
            event = next();
        }
        return text.toString();
    }
}

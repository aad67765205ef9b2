package dev.polygate.translators.soap.xml;

import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.DynamicMessage;
import com.google.protobuf.MessageOrBuilder;
import java.io.StringReader;
import java.io.StringWriter;
import javax.xml.namespace.QName;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamReader;
import javax.xml.stream.XMLStreamWriter;

/** Reads and writes single elements through the codec, with the JDK's StAX. */
final class Xml {
    private Xml() {
    }

    static DynamicMessage read(String xml, Descriptor type) throws Exception {
        return read(XMLInputFactory.newDefaultFactory(), xml, type);
    }

    static DynamicMessage read(XMLInputFactory factory, String xml, Descriptor type) throws Exception {
        XMLStreamReader in = StaxFactories.harden(factory).createXMLStreamReader(new StringReader(xml));
        in.nextTag();
        return XmlMessageReader.read(in, type);
    }

    static String write(QName element, MessageOrBuilder message) throws Exception {
        StringWriter text = new StringWriter();
        XMLStreamWriter out = XMLOutputFactory.newDefaultFactory().createXMLStreamWriter(text);
        XmlMessageWriter.write(out, element, message);
        out.close();
        return text.toString();
    }

    static String roundTrip(String xml, QName element, Descriptor type) throws Exception {
        return write(element, read(xml, type));
    }
}

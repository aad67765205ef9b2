package dev.polygate.translators.soap.xml;

import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.DynamicMessage;
import dev.polygate.translators.soap.wsdl.SoapVersion;
import java.io.ByteArrayInputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javax.xml.namespace.QName;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * Reads backend answers. The whole envelope is streamed once with a hardened parser (no DTD, no entities,
 * {@value #MAX_DEPTH} levels at most). A Fault is recognised whatever the HTTP status; anything else that is not
 * an envelope of the expected version is a {@link SoapProtocolException} naming the HTTP status and content type.
 * The answer of a one-way operation ({@link BodyShape.NoMessage}) is an acknowledgement: a 2xx status with an empty
 * body or an envelope without a Fault; its HTTP status matters because it carries nothing else.
 */
public final class SoapResponseReader {
    /** The deepest element nesting accepted in a whole envelope. */
    public static final int MAX_DEPTH = 128;

    private SoapResponseReader() {
    }

    /**
     * Reads a backend answer. Body children that the output shape does not name are skipped. When the output
     * type has a {@code soap_headers} field, the header entries of its declared parts are read into it; any other
     * header entry is kept as XML text only.
     *
     * @param outputType   the message of the output shape (element content, parts, or rpc wrapper)
     * @param faultDetails the declared fault detail elements and their messages
     */
    public static SoapResult read(byte[] body, int httpStatus, String contentType, SoapVersion version, BodyShape outputShape,
                                  Descriptor outputType, Map<QName, Descriptor> faultDetails) throws SoapProtocolException {
        Received received = new Received(httpStatus, contentType);
        if (body == null || body.length == 0) {
            if (outputShape instanceof BodyShape.NoMessage && isSuccess(httpStatus)) {
                return new SoapResult.Output(DynamicMessage.getDefaultInstance(outputType), List.of());
            }
            throw new SoapProtocolException("the backend answered " + received + " and an empty body, not a SOAP envelope");
        }
        String media = contentType == null ? "" : contentType.toLowerCase(Locale.ROOT);
        if (media.contains("html")) {
            throw new SoapProtocolException("the backend answered " + received + ", not a SOAP envelope",
                    Lexical.abbreviate(new String(body, 0, Math.min(body.length, 200), java.nio.charset.StandardCharsets.UTF_8).strip()));
        }
        try {
            XMLStreamReader raw = StaxFactories.input().createXMLStreamReader(new ByteArrayInputStream(body));
            XMLStreamReader in = new DepthLimitedReader(raw, MAX_DEPTH);
            try {
                return readEnvelope(in, received, version, outputShape, outputType, faultDetails);
            } finally {
                raw.close();
            }
        } catch (XMLStreamException e) {
            throw unreadable(received, e);
        } catch (RuntimeException e) {
            // Woodstox reports a fault it finds while finishing a token (a multi-byte character cut by the end of
            // the body) lazily, as an unchecked wrapper of the XMLStreamException
            if (e.getCause() instanceof XMLStreamException cause) {
                throw unreadable(received, cause);
            }
            throw e;
        }
    }

    private static SoapProtocolException unreadable(Received received, XMLStreamException e) {
        String message = e.getMessage() == null ? e.toString() : e.getMessage();
        if (message.contains(SoapProtocolException.NO_DTD)) {
            return new SoapProtocolException(SoapProtocolException.NO_DTD + " (" + received + ")", e);
        }
        return new SoapProtocolException("the backend answered " + received + " that is not a readable SOAP message: "
                + message, e);
    }

    private static SoapResult readEnvelope(XMLStreamReader in, Received received, SoapVersion version, BodyShape shape,
                                           Descriptor outputType, Map<QName, Descriptor> faultDetails)
            throws XMLStreamException, SoapProtocolException {
        String envelope = version.envelopeNamespace();
        in.nextTag();
        QName root = in.getName();
        if (!root.getLocalPart().equals("Envelope") || !root.getNamespaceURI().equals(envelope)) {
            SoapVersion other = version == SoapVersion.SOAP_11 ? SoapVersion.SOAP_12 : SoapVersion.SOAP_11;
            String what = root.getLocalPart().equals("Envelope") && root.getNamespaceURI().equals(other.envelopeNamespace())
                    ? "a " + name(other) + " envelope where " + name(version) + " was expected"
                    : "XML with root element " + root + ", not a " + name(version) + " envelope";
            throw new SoapProtocolException("the backend answered " + received + " and " + what);
        }
        List<String> headers = new ArrayList<>();
        FieldDescriptor declared = XmlOptions.soapHeaders(outputType);
        DynamicMessage.Builder parts = declared == null ? null : DynamicMessage.newBuilder(declared.getMessageType());
        int event = in.nextTag();
        if (event == XMLStreamConstants.START_ELEMENT && in.getName().equals(new QName(envelope, "Header"))) {
            while (in.nextTag() == XMLStreamConstants.START_ELEMENT) {
                FieldDescriptor part = parts == null ? null : headerPart(parts.getDescriptorForType(), in.getName());
                if (part != null) {
                    readInto(in, parts, part);
                } else {
                    headers.add(RawXml.capture(in));
                }
            }
            event = in.nextTag();
        }
        if (event != XMLStreamConstants.START_ELEMENT || !in.getName().equals(new QName(envelope, "Body"))) {
            throw new SoapProtocolException("the backend answered " + received + " and an envelope without a Body");
        }
        DynamicMessage.Builder bodyParts = shape instanceof BodyShape.Parts ? DynamicMessage.newBuilder(outputType) : null;
        DynamicMessage message = null;
        while (in.nextTag() == XMLStreamConstants.START_ELEMENT) {
            QName child = in.getName();
            if (child.equals(new QName(envelope, "Fault"))) {
                return new SoapResult.Fault(FaultReader.read(in, version, faultDetails));
            }
            if (bodyParts != null) {
                readPart(in, (BodyShape.Parts) shape, bodyParts);
            } else if (message == null && matches(shape, child)) {
                message = XmlMessageReader.read(in, outputType);
            } else {
                XmlMessageReader.skip(in);
            }
        }
        if (bodyParts != null) {
            message = bodyParts.build();
        } else if (shape instanceof BodyShape.NoMessage) {
            if (!isSuccess(received.httpStatus())) {
                throw new SoapProtocolException("the backend answered " + received + " and an envelope without a Fault");
            }
            message = DynamicMessage.getDefaultInstance(outputType);
        }
        if (message == null) {
            throw new SoapProtocolException("the backend answered " + received + " without the expected "
                    + expected(shape) + " in the Body");
        }
        if (parts != null && !parts.getAllFields().isEmpty()) {
            message = message.toBuilder().setField(declared, parts.build()).build();
        }
        return new SoapResult.Output(message, headers);
    }

    /** The field of a declared header part that {@code element} stands for; null for any other header. */
    private static FieldDescriptor headerPart(Descriptor parts, QName element) {
        for (FieldDescriptor field : parts.getFields()) {
            if (XmlOptions.name(field).equals(element)) {
                return field;
            }
        }
        return null;
    }

    private static boolean matches(BodyShape shape, QName child) {
        if (shape instanceof BodyShape.Element element) {
            return element.element().equals(child);
        }
        // rpc wrappers are matched by local name: servers disagree on the namespace of the response wrapper.
        return shape instanceof BodyShape.Rpc rpc && rpc.wrapper().getLocalPart().equals(child.getLocalPart());
    }

    private static boolean isSuccess(int httpStatus) {
        return httpStatus >= 200 && httpStatus < 300;
    }

    private static void readPart(XMLStreamReader in, BodyShape.Parts shape, DynamicMessage.Builder parts)
            throws XMLStreamException {
        int index = shape.elements().indexOf(in.getName());
        if (index < 0) {
            XmlMessageReader.skip(in);
            return;
        }
        readInto(in, parts, parts.getDescriptorForType().getFields().get(index));
    }

    /** Reads the element the reader is on as a value of {@code field}. */
    private static void readInto(XMLStreamReader in, DynamicMessage.Builder message, FieldDescriptor field)
            throws XMLStreamException {
        Object value = XmlMessageReader.value(new DepthLimitedReader(in, XmlMessageReader.MAX_DEPTH), field);
        if (field.isRepeated()) {
            message.addRepeatedField(field, value);
        } else {
            message.setField(field, value);
        }
    }

    private static String expected(BodyShape shape) {
        if (shape instanceof BodyShape.Element element) {
            return "element " + element.element();
        }
        if (shape instanceof BodyShape.Rpc rpc) {
            return "element " + rpc.wrapper().getLocalPart();
        }
        return "parts " + ((BodyShape.Parts) shape).elements();
    }

    /** What the backend sent, as error messages name it; only put into words when an error needs it. */
    private record Received(int httpStatus, String contentType) {
        @Override
        public String toString() {
            return "HTTP " + httpStatus + " with " + (contentType == null || contentType.isBlank()
                    ? "no content type" : "content type " + contentType);
        }
    }

    static String name(SoapVersion version) {
        return version == SoapVersion.SOAP_11 ? "SOAP 1.1" : "SOAP 1.2";
    }
}

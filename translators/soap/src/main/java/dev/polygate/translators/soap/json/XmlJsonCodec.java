package dev.polygate.translators.soap.json;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.DynamicMessage;
import com.google.protobuf.Message;
import com.google.protobuf.MessageOrBuilder;
import dev.polygate.spi.GatewayException;
import dev.polygate.translators.model.transcoding.JsonCodec;
import dev.polygate.translators.model.transcoding.TranscodingOptions;
import dev.polygate.translators.soap.validation.MessageValidator;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Set;

/**
 * The JSON of messages compiled from XSD ({@code dev.polygate.translators.soap.schema}): keys are the XML names,
 * nillable elements are a value or {@code null}, enums their literals. What JSON decides is checked as it is
 * read; every value is then checked against the XSD type it came from by the
 * {@link MessageValidator}, which the SOAP call runs on every request whatever protocol brought it, so that a
 * client's mistake is a 400 naming the field rather than a SOAP fault.
 *
 * <p>Reading, strictly:
 * <ul>
 * <li>keys are the JSON names (the XML names, {@code @name} for an attribute beside an element of that name);
 *     an unknown key is refused with the known ones listed, unless {@code ignoreUnknownFields};</li>
 * <li>a repeated element must be an array, even of one item (a lone value is refused, not wrapped);</li>
 * <li>{@code null} means xsi:nil and is allowed only for nillable elements, also as an array item; an absent
 *     key leaves the field unset;</li>
 * <li>xs:int, short, byte and the unsigned ones: JSON integers in the type's range; long and unsignedLong:
 *     integers or strings of digits, read without loss beyond 2^53; xs:integer and xs:decimal: numbers (their
 *     exact text) or strings; float/double: numbers or "Infinity", "-Infinity", "NaN";</li>
 * <li>xs:boolean: true or false only (XML's 1 and 0 are not JSON's);</li>
 * <li>every other simple type: a string; base64Binary and hexBinary: standard base64;</li>
 * <li>enums: the XSD literal; xs:anyAttribute: an object of {@code "{ns}local": "value"};</li>
 * <li>two members of one xs:choice are refused; a key given twice is refused;</li>
 * <li>required elements (minOccurs ≥ 1, not optional, not a choice member) and {@code use="required"} attributes
 *     must be given: in every nested
 *     object when it ends, and at the top level in {@link #checkComplete}, which the REST ingress calls once
 *     the path and query are applied too ({@link #read} does both, and validates).</li>
 * </ul>
 * <p>The validator then checks the lexical forms (xs:decimal and xs:integer digits, real calendar dates,
 * times, durations, the g* types, QNames in Clark notation), the narrower integer ranges, text XML can carry,
 * xs:any values (one well-formed element, no DTD) and the item counts of repeated elements.
 *
 * <p>Printing: compact, fields in descriptor (document) order; repeated fields always, as arrays; optional
 * fields when set; required ones always; long/unsignedLong, integer and decimal as strings; nil as null.
 * The naming and default options of {@link TranscodingOptions} do not apply: the schema fixes the shape.
 * Thread-safe.
 */
public final class XmlJsonCodec implements JsonCodec {

    private static final JsonFactory JSON = JsonFactory.builder().build();

    private final MessageReader reader;
    private final MessageWriter writer = new MessageWriter();
    /**
     * The top-level keys the last merge on this thread gave, for the {@link #checkComplete} that follows it: a
     * required xs:int given as 0 is not "set" in proto3 terms, yet was given. The transcoders merge and check one
     * request at a time on one thread, so one slot per thread is enough (no shared map to lock per request); a
     * builder that is never checked is simply replaced by the next one merged. The slot is filled and emptied,
     * never set or removed, which would sweep the thread's map each time.
     */
    private final ThreadLocal<Given> lastGiven = ThreadLocal.withInitial(Given::new);

    private static final class Given {
        private Message.Builder builder;
        private Set<FieldDescriptor> keys;

        void remember(Message.Builder merged, Set<FieldDescriptor> given) {
            if (builder == merged) {
                keys.addAll(given);
            } else {
                builder = merged;
                keys = given;
            }
        }

        /** The keys given for {@code request}, forgotten once asked for; empty for any other. */
        Set<FieldDescriptor> take(MessageOrBuilder request) {
            Set<FieldDescriptor> given = builder == request ? keys : Set.of();
            builder = null;
            keys = null;
            return given;
        }
    }

    public XmlJsonCodec(TranscodingOptions options) {
        this.reader = new MessageReader(new XmlFacts(), options.ignoreUnknownFields());
    }

    /**
     * Reads one complete document of the given type: {@link #merge}, {@link #checkComplete} and the
     * {@link MessageValidator}, as a SOAP call would check it.
     */
    public DynamicMessage read(String json, Descriptor type) throws GatewayException {
        DynamicMessage.Builder builder = DynamicMessage.newBuilder(type);
        merge(json, builder);
        checkComplete(builder);
        DynamicMessage message = builder.build();
        MessageValidator.check(message);
        return message;
    }

    @Override
    public void merge(String json, Message.Builder builder) throws GatewayException {
        try (JsonParser p = JSON.createParser(json)) {
            p.nextToken();
            Set<FieldDescriptor> given = reader.object(p, builder, "");
            if (p.nextToken() != null) {
                throw Problems.bad("malformed JSON: more than one value (line "
                        + p.currentTokenLocation().getLineNr() + ", column " + p.currentTokenLocation().getColumnNr() + ")");
            }
            lastGiven.get().remember(builder, given);
        } catch (JsonParseException | StreamConstraintsException e) {
            throw Problems.bad("malformed JSON: " + e.getOriginalMessage() + " (line " + e.getLocation().getLineNr()
                    + ", column " + e.getLocation().getColumnNr() + ")");
        } catch (IOException e) {
            throw new UncheckedIOException(e); // reading a String does no I/O
        }
    }

    /** Refuses the request when a required top-level element was neither in the body nor set otherwise. */
    @Override
    public void checkComplete(MessageOrBuilder request) throws GatewayException {
        Set<FieldDescriptor> given = lastGiven.get().take(request);
        Message.Builder builder = request instanceof Message.Builder b ? b : ((Message) request).toBuilder();
        MessageReader.checkRequired(builder, given, "");
    }

    @Override
    public String print(MessageOrBuilder message) {
        return new String(printUtf8(message), StandardCharsets.UTF_8);
    }

    /** Written as UTF-8 bytes directly: no String (and no StringBuffer) in between for a response body. */
    @Override
    public byte[] printUtf8(MessageOrBuilder message) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(128);
        try (JsonGenerator out = JSON.createGenerator(bytes, JsonEncoding.UTF8)) {
            writer.message(out, message);
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot print " + message.getDescriptorForType().getFullName(), e);
        }
        return bytes.toByteArray();
    }
}

package dev.polygate.translators.soap.validation;

import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.Descriptors.FieldDescriptor.JavaType;
import com.google.protobuf.Message;
import com.google.protobuf.MessageOrBuilder;
import dev.polygate.spi.GatewayException;
import dev.polygate.xml.v1.XmlField;
import dev.polygate.xml.v1.XmlMessageKind;
import dev.polygate.xml.v1.XmlProto;
import java.util.List;

/**
 * Checks a message compiled from XSD against its schema, as far as the descriptors' {@code polygate.xml.v1} options
 * carry it, before the message is written as XML: the lexical form of every value ({@link LexicalForms}), the ranges
 * of the integer types ({@link IntegerRange}), enum values that have a literal, xs:any values that are one
 * well-formed element, xs:anyAttribute names in Clark notation, text XML can carry, required elements and the item
 * counts of repeated ones ({@link Occurrences}). A choice needs no check: its members share a oneof.
 *
 * <p>A SOAP call runs it on every request message, whichever client protocol built it (REST/JSON, native gRPC,
 * gRPC-Web, WebSocket), so the same value is refused alike everywhere, with the field named by its JSON path, and
 * nothing reaches the backend. What only one protocol can get wrong stays with its reader: a JSON key given twice,
 * a JSON string where a number belongs, a required key left out.
 *
 * <p>proto3 cannot tell an unset scalar without presence from its default: such a field is checked as the default
 * it holds, which is what the XML writer sends (so an empty xs:decimal is refused). A required element of message
 * or enum type must be set.
 */
public final class MessageValidator {
    private MessageValidator() {
    }

    /** @throws GatewayException BAD_REQUEST naming the first field that breaks its schema */
    public static void check(MessageOrBuilder message) {
        message(message, "");
    }

    private static void message(MessageOrBuilder message, String path) {
        for (FieldDescriptor field : message.getDescriptorForType().getFields()) {
            XmlField xml = field.getOptions().getExtension(XmlProto.xmlField);
            String fieldPath = FieldProblems.child(path, field.getJsonName());
            if (field.isMapField()) {
                anyAttributes((List<?>) message.getField(field), fieldPath);
            } else if (field.isRepeated()) {
                int count = message.getRepeatedFieldCount(field);
                String problem = Occurrences.countProblem(field, xml, count);
                if (problem != null) {
                    throw FieldProblems.at(fieldPath, problem);
                }
                for (int i = 0; i < count; i++) {
                    value(field, xml, message.getRepeatedField(field, i), fieldPath + "[" + i + "]");
                }
            } else if (message.hasField(field)) {
                value(field, xml, message.getField(field), fieldPath);
            } else if (field.getJavaType() == JavaType.MESSAGE || field.getJavaType() == JavaType.ENUM) {
                if (Occurrences.required(field)) {
                    throw FieldProblems.missing(field, fieldPath); // an enum at UNSPECIFIED has no literal to send
                }
            } else if (!field.hasPresence()) {
                value(field, xml, message.getField(field), fieldPath); // the default, which the writer sends
            }
        }
    }

    /** One value of a field (an item, for a repeated one): a nested message, a nil wrapper or a scalar. */
    private static void value(FieldDescriptor field, XmlField xml, Object value, String path) {
        if (field.getJavaType() != JavaType.MESSAGE) {
            ValueRules.check(field, xml, value, path);
            return;
        }
        Message nested = (Message) value;
        if (!isNilWrapper(field)) {
            message(nested, path);
            return;
        }
        FieldDescriptor inner = nested.getDescriptorForType().findFieldByNumber(1);
        if (!nested.hasField(inner)) {
            return; // xsi:nil, also for a wrapper with neither value nor nil
        }
        if (inner.getJavaType() == JavaType.MESSAGE) {
            message((Message) nested.getField(inner), path);
        } else {
            ValueRules.check(inner, xml, nested.getField(inner), path);
        }
    }

    /** xs:anyAttribute entries: {@code "{ns}local"} names and text values. */
    private static void anyAttributes(List<?> entries, String path) {
        for (Object entry : entries) {
            Message pair = (Message) entry;
            String name = (String) pair.getField(pair.getDescriptorForType().findFieldByNumber(1));
            String value = (String) pair.getField(pair.getDescriptorForType().findFieldByNumber(2));
            String entryPath = path + "[\"" + FieldProblems.shorten(name) + "\"]";
            String problem = LexicalForms.qname(name);
            if (problem != null) {
                throw FieldProblems.at(entryPath, "an attribute name must be " + problem);
            }
            problem = LexicalForms.xmlText(value);
            if (problem != null) {
                throw FieldProblems.expected(entryPath, problem, value);
            }
        }
    }

    private static boolean isNilWrapper(FieldDescriptor field) {
        return field.getMessageType().getOptions().getExtension(XmlProto.xmlMessage).getKind()
                == XmlMessageKind.XML_MESSAGE_KIND_NIL_WRAPPER;
    }
}

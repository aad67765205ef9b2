package dev.polygate.translators.soap.validation;

import com.google.protobuf.Descriptors.EnumValueDescriptor;
import com.google.protobuf.Descriptors.FieldDescriptor;
import dev.polygate.spi.GatewayException;
import dev.polygate.xml.v1.XmlField;
import dev.polygate.xml.v1.XmlFieldKind;
import dev.polygate.xml.v1.XmlProto;
import java.math.BigInteger;
import java.util.stream.Collectors;

/**
 * One scalar value against the XSD type its field came from. Booleans, floats and bytes need nothing: every value
 * of their proto type has an XSD lexical form (INF, NaN, base64, hex).
 */
final class ValueRules {
    private ValueRules() {
    }

    /**
     * @param field the proto field whose Java type the value has (a nil wrapper's value field)
     * @param xml   the XML options of the element or attribute
     * @throws GatewayException BAD_REQUEST naming {@code path} when the value breaks the type
     */
    static void check(FieldDescriptor field, XmlField xml, Object value, String path) {
        switch (field.getJavaType()) {
            case INT -> {
                int bits = (Integer) value;
                long number = field.getType() == FieldDescriptor.Type.UINT32 || field.getType() == FieldDescriptor.Type.FIXED32
                        ? Integer.toUnsignedLong(bits) : bits;
                String problem = IntegerRange.of(field, xml).problem(BigInteger.valueOf(number));
                if (problem != null) {
                    throw FieldProblems.at(path, problem);
                }
            }
            case STRING -> text(xml, (String) value, path);
            case ENUM -> literal(field, (EnumValueDescriptor) value, path);
            default -> {
                // long and unsignedLong fill their proto types; bool, float, double and bytes always have a form
            }
        }
    }

    private static void text(XmlField xml, String text, String path) {
        String problem = switch (xml.getType()) {
            case XSD_TYPE_DECIMAL -> LexicalForms.decimal(text);
            case XSD_TYPE_INTEGER -> LexicalForms.integer(text, xml.getXsdTypeName());
            case XSD_TYPE_DATE -> LexicalForms.date(text);
            case XSD_TYPE_DATE_TIME -> LexicalForms.dateTime(text);
            case XSD_TYPE_TIME -> LexicalForms.time(text);
            case XSD_TYPE_DURATION -> LexicalForms.duration(text);
            case XSD_TYPE_G_CALENDAR -> LexicalForms.gCalendar(text, xml.getXsdTypeName());
            case XSD_TYPE_QNAME -> LexicalForms.qname(text);
            default -> LexicalForms.xmlText(text);
        };
        if (problem != null) {
            throw FieldProblems.expected(path, problem, text);
        }
        if (xml.getKind() == XmlFieldKind.XML_FIELD_KIND_ANY) {
            String xmlProblem = XmlFragments.problem(text);
            if (xmlProblem != null) {
                throw FieldProblems.at(path, "expected one well-formed XML element, got \""
                        + FieldProblems.shorten(text) + "\": " + xmlProblem);
            }
        }
    }

    /** Only values with a literal are written: UNSPECIFIED and numbers the enum does not know have none. */
    private static void literal(FieldDescriptor field, EnumValueDescriptor value, String path) {
        if (!value.getOptions().getExtension(XmlProto.literal).isEmpty()) {
            return;
        }
        boolean known = field.getEnumType().findValueByNumber(value.getNumber()) != null;
        throw FieldProblems.at(path, "expected one of " + literals(field) + ", got "
                + (known ? value.getName() : String.valueOf(value.getNumber())));
    }

    /** The enum's literals as a list for a message: "a", "b", "c". */
    static String literals(FieldDescriptor field) {
        return field.getEnumType().getValues().stream().map(v -> v.getOptions().getExtension(XmlProto.literal))
                .filter(literal -> !literal.isEmpty()).map(literal -> "\"" + literal + "\"")
                .collect(Collectors.joining(", "));
    }
}

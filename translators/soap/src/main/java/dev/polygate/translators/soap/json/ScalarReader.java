package dev.polygate.translators.soap.json;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.google.protobuf.ByteString;
import com.google.protobuf.Descriptors.EnumValueDescriptor;
import com.google.protobuf.Descriptors.FieldDescriptor;
import dev.polygate.xml.v1.XmlField;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Base64;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * One JSON scalar as the value of a field, checked against the XSD type the field came from. Numbers are
 * read from their text (BigInteger, BigDecimal), never through a double, so long, unsignedLong, integer and
 * decimal values keep every digit.
 */
final class ScalarReader {

    /** The string form long and unsignedLong are also read from (the range is checked after). */
    static final Pattern INTEGER_TEXT = Pattern.compile("-?\\d{1,30}");
    private static final BigInteger UINT64_MAX = BigInteger.ONE.shiftLeft(64).subtract(BigInteger.ONE);

    private final XmlFacts facts;

    ScalarReader(XmlFacts facts) {
        this.facts = facts;
    }

    /**
     * @param field the proto field whose Java type the value takes (a nil wrapper's value field)
     * @param xml   the XML facts of the element or attribute
     */
    Object read(JsonParser p, FieldDescriptor field, XmlField xml, String path) throws IOException {
        JsonToken token = p.currentToken();
        return switch (field.getJavaType()) {
            case BOOLEAN -> {
                // JSON has booleans: XML's "1" and "0" are not taken from JSON, a string here is a client bug
                if (token == JsonToken.VALUE_TRUE || token == JsonToken.VALUE_FALSE) {
                    yield token == JsonToken.VALUE_TRUE;
                }
                throw Problems.expected(path, "true or false", p);
            }
            case INT -> (int) integer(p, path, intRange(field, xml), false).longValue();
            case LONG -> integer(p, path, longRange(field), true).longValue();
            case FLOAT, DOUBLE -> floating(p, field, path);
            case STRING -> text(p, xml, path);
            case BYTE_STRING -> bytes(p, path);
            case ENUM -> literal(p, field, path);
            case MESSAGE -> throw new IllegalStateException("not a scalar: " + field.getFullName());
        };
    }

    /** The values an XSD integer type allows, and its name for messages and documents. */
    record Range(BigInteger min, BigInteger max, String name) {
        static Range of(long min, long max, String name) {
            return new Range(BigInteger.valueOf(min), BigInteger.valueOf(max), name);
        }
    }

    private static final Range SHORT = Range.of(Short.MIN_VALUE, Short.MAX_VALUE, "xs:short");
    private static final Range BYTE = Range.of(Byte.MIN_VALUE, Byte.MAX_VALUE, "xs:byte");
    private static final Range UNSIGNED_SHORT = Range.of(0, 65535, "xs:unsignedShort");
    private static final Range UNSIGNED_BYTE = Range.of(0, 255, "xs:unsignedByte");
    private static final Range UNSIGNED_INT = Range.of(0, 0xFFFF_FFFFL, "xs:unsignedInt");
    private static final Range INT = Range.of(Integer.MIN_VALUE, Integer.MAX_VALUE, "xs:int");
    private static final Range UNSIGNED_LONG = new Range(BigInteger.ZERO, UINT64_MAX, "xs:unsignedLong");
    private static final Range LONG = Range.of(Long.MIN_VALUE, Long.MAX_VALUE, "xs:long");

    static Range intRange(FieldDescriptor field, XmlField xml) {
        return switch (xml.getType()) {
            case XSD_TYPE_SHORT -> SHORT;
            case XSD_TYPE_BYTE -> BYTE;
            case XSD_TYPE_UNSIGNED_SHORT -> UNSIGNED_SHORT;
            case XSD_TYPE_UNSIGNED_BYTE -> UNSIGNED_BYTE;
            default -> field.getType() == FieldDescriptor.Type.UINT32
                    || field.getType() == FieldDescriptor.Type.FIXED32 ? UNSIGNED_INT : INT;
        };
    }

    static Range longRange(FieldDescriptor field) {
        return field.getType() == FieldDescriptor.Type.UINT64 || field.getType() == FieldDescriptor.Type.FIXED64
                ? UNSIGNED_LONG : LONG;
    }

    /** int32 as JSON numbers only; int64 also as strings, the form it is printed in (proto3, 2^53). */
    private static BigInteger integer(JsonParser p, String path, Range range, boolean stringsToo) throws IOException {
        BigInteger value;
        if (p.currentToken() == JsonToken.VALUE_NUMBER_INT) {
            value = p.getBigIntegerValue();
        } else if (stringsToo && p.currentToken() == JsonToken.VALUE_STRING
                && INTEGER_TEXT.matcher(p.getText()).matches()) {
            value = new BigInteger(p.getText());
        } else {
            throw Problems.expected(path, stringsToo ? "an integer (a number or a string of digits)" : "an integer", p);
        }
        if (value.compareTo(range.min()) < 0 || value.compareTo(range.max()) > 0) {
            throw Problems.at(path, Problems.shorten(value.toString()) + " is out of range for " + range.name()
                    + " (" + range.min() + ".." + range.max() + ")");
        }
        return value;
    }

    private static Object floating(JsonParser p, FieldDescriptor field, String path) throws IOException {
        double value;
        if (p.currentToken() == JsonToken.VALUE_NUMBER_INT || p.currentToken() == JsonToken.VALUE_NUMBER_FLOAT) {
            value = p.getDoubleValue();
            boolean isFloat = field.getJavaType() == FieldDescriptor.JavaType.FLOAT;
            if (Double.isInfinite(value) || isFloat && Float.isInfinite((float) value)) {
                throw Problems.at(path, Problems.shorten(p.getText()) + " is out of range for "
                        + (isFloat ? "xs:float" : "xs:double"));
            }
        } else if (p.currentToken() == JsonToken.VALUE_STRING) {
            value = switch (p.getText()) {
                case "Infinity" -> Double.POSITIVE_INFINITY;
                case "-Infinity" -> Double.NEGATIVE_INFINITY;
                case "NaN" -> Double.NaN;
                default -> throw Problems.expected(path, "a number, \"Infinity\", \"-Infinity\" or \"NaN\"", p);
            };
        } else {
            throw Problems.expected(path, "a number", p);
        }
        return field.getJavaType() == FieldDescriptor.JavaType.FLOAT ? (Object) (float) value : (Object) value;
    }

    private static String text(JsonParser p, XmlField xml, String path) throws IOException {
        JsonToken token = p.currentToken();
        switch (xml.getType()) {
            case XSD_TYPE_DECIMAL, XSD_TYPE_INTEGER -> {
                boolean decimal = xml.getType() == dev.polygate.xml.v1.XsdType.XSD_TYPE_DECIMAL;
                String text;
                if (token == JsonToken.VALUE_NUMBER_INT || token == JsonToken.VALUE_NUMBER_FLOAT) {
                    // the number's own digits; an exponent is spelled out, since XSD has none
                    text = p.getText().matches(".*[eE].*") ? new BigDecimal(p.getText()).toPlainString() : p.getText();
                } else if (token == JsonToken.VALUE_STRING) {
                    text = p.getText();
                } else {
                    throw Problems.expected(path, decimal ? "a decimal (a number or a string)"
                            : "an integer (a number or a string of digits)", p);
                }
                String problem = decimal ? LexicalForms.decimal(text) : LexicalForms.integer(text, xml.getXsdTypeName());
                if (problem != null) {
                    throw Problems.at(path, "expected " + problem + ", got \"" + Problems.shorten(text) + "\"");
                }
                return text;
            }
            default -> {
                if (token != JsonToken.VALUE_STRING) {
                    throw Problems.expected(path, "a string", p);
                }
                String text = p.getText();
                String problem = switch (xml.getType()) {
                    case XSD_TYPE_DATE -> LexicalForms.date(text);
                    case XSD_TYPE_DATE_TIME -> LexicalForms.dateTime(text);
                    case XSD_TYPE_TIME -> LexicalForms.time(text);
                    case XSD_TYPE_DURATION -> LexicalForms.duration(text);
                    case XSD_TYPE_QNAME -> LexicalForms.qname(text);
                    default -> LexicalForms.xmlText(text);
                };
                if (problem == null && xml.getKind() == dev.polygate.xml.v1.XmlFieldKind.XML_FIELD_KIND_ANY) {
                    String xmlProblem = XmlFragments.problem(text);
                    if (xmlProblem != null) {
                        throw Problems.at(path, "expected one well-formed XML element, got \""
                                + Problems.shorten(text) + "\": " + xmlProblem);
                    }
                }
                if (problem != null) {
                    throw Problems.at(path, "expected " + problem + ", got \"" + Problems.shorten(text) + "\"");
                }
                return text;
            }
        }
    }

    private static ByteString bytes(JsonParser p, String path) throws IOException {
        if (p.currentToken() == JsonToken.VALUE_STRING) {
            try {
                return ByteString.copyFrom(Base64.getDecoder().decode(p.getText()));
            } catch (IllegalArgumentException e) {
                // not base64: the message below
            }
        }
        throw Problems.expected(path, "a base64 string", p);
    }

    private EnumValueDescriptor literal(JsonParser p, FieldDescriptor field, String path) throws IOException {
        Map<String, EnumValueDescriptor> values = facts.byLiteral(field.getEnumType());
        EnumValueDescriptor value = p.currentToken() == JsonToken.VALUE_STRING ? values.get(p.getText()) : null;
        if (value == null) {
            String allowed = values.keySet().stream().map(l -> "\"" + l + "\"").collect(Collectors.joining(", "));
            throw Problems.at(path, "expected one of " + allowed + ", got " + Problems.describe(p));
        }
        return value;
    }
}

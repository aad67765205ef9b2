package dev.polygate.translators.soap.json;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.google.protobuf.ByteString;
import com.google.protobuf.Descriptors.EnumValueDescriptor;
import com.google.protobuf.Descriptors.FieldDescriptor;
import dev.polygate.translators.soap.validation.IntegerRange;
import dev.polygate.xml.v1.XmlField;
import dev.polygate.xml.v1.XsdType;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Base64;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * One JSON scalar as the value of a field: the JSON type the field takes, and the conversion into its proto type
 * (integers in range, base64, enum literals). Numbers are read from their text (BigInteger, BigDecimal), never
 * through a double, so long, unsignedLong, integer and decimal values keep every digit. The lexical forms of
 * strings are checked by the {@link dev.polygate.translators.soap.validation.MessageValidator}, once the whole
 * message is built, as for every other client protocol.
 */
final class ScalarReader {

    /** The string form long and unsignedLong are also read from (the range is checked after). */
    static final Pattern INTEGER_TEXT = Pattern.compile("-?\\d{1,30}");

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
            case INT -> (int) integer(p, path, IntegerRange.of(field, xml), false).longValue();
            case LONG -> integer(p, path, IntegerRange.of(field, xml), true).longValue();
            case FLOAT, DOUBLE -> floating(p, field, path);
            case STRING -> text(p, xml, path);
            case BYTE_STRING -> bytes(p, path);
            case ENUM -> literal(p, field, path);
            case MESSAGE -> throw new IllegalStateException("not a scalar: " + field.getFullName());
        };
    }

    /** int32 as JSON numbers only; int64 also as strings, the form it is printed in (proto3, 2^53). */
    private static BigInteger integer(JsonParser p, String path, IntegerRange range, boolean stringsToo)
            throws IOException {
        BigInteger value;
        if (p.currentToken() == JsonToken.VALUE_NUMBER_INT) {
            value = p.getBigIntegerValue();
        } else if (stringsToo && p.currentToken() == JsonToken.VALUE_STRING
                && INTEGER_TEXT.matcher(p.getText()).matches()) {
            value = new BigInteger(p.getText());
        } else {
            throw Problems.expected(path, stringsToo ? "an integer (a number or a string of digits)" : "an integer", p);
        }
        String problem = range.problem(value); // the proto type must hold it; the rest is the validator's too
        if (problem != null) {
            throw Problems.at(path, problem);
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

    /**
     * The text of a string field: a JSON string, or for xs:decimal and xs:integer also a JSON number, taken as its
     * exact text. Whether the text is a lexical form of the field's type is the validator's to say.
     */
    private static String text(JsonParser p, XmlField xml, String path) throws IOException {
        JsonToken token = p.currentToken();
        boolean decimal = xml.getType() == XsdType.XSD_TYPE_DECIMAL;
        if (decimal || xml.getType() == XsdType.XSD_TYPE_INTEGER) {
            if (token == JsonToken.VALUE_NUMBER_INT || token == JsonToken.VALUE_NUMBER_FLOAT) {
                // the number's own digits; an exponent is spelled out, since XSD has none
                return p.getText().matches(".*[eE].*") ? new BigDecimal(p.getText()).toPlainString() : p.getText();
            }
            if (token != JsonToken.VALUE_STRING) {
                throw Problems.expected(path, decimal ? "a decimal (a number or a string)"
                        : "an integer (a number or a string of digits)", p);
            }
        } else if (token != JsonToken.VALUE_STRING) {
            throw Problems.expected(path, "a string", p);
        }
        return p.getText();
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

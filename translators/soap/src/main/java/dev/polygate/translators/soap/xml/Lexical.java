package dev.polygate.translators.soap.xml;

import com.google.protobuf.ByteString;
import com.google.protobuf.Descriptors.EnumValueDescriptor;
import com.google.protobuf.Descriptors.FieldDescriptor;
import dev.polygate.xml.v1.XmlProto;
import dev.polygate.xml.v1.XsdType;
import java.util.Base64;
import java.util.HexFormat;
import java.util.regex.Pattern;

/** XSD lexical forms of scalar field values, by the field's proto type and its {@code xsd type} option. */
final class Lexical {
    private static final Pattern DECIMAL = Pattern.compile("[+-]?(\\d+(\\.\\d*)?|\\.\\d+)");
    private static final Pattern FLOATING = Pattern.compile("[+-]?(\\d+(\\.\\d*)?|\\.\\d+)([eE][+-]?\\d+)?");
    private static final HexFormat HEX = HexFormat.of().withUpperCase();

    private Lexical() {
    }

    /** The text of a scalar (not message) value; QNames are handled by the writer, which owns the prefixes. */
    static String print(FieldDescriptor field, Object value) {
        XsdType xsd = XmlOptions.field(field).getType();
        return switch (field.getType()) {
            case BOOL -> ((Boolean) value) ? "true" : "false";
            case INT32, SINT32, SFIXED32, INT64, SINT64, SFIXED64 -> value.toString();
            case UINT32, FIXED32 -> Integer.toUnsignedString((Integer) value);
            case UINT64, FIXED64 -> Long.toUnsignedString((Long) value);
            case FLOAT -> floating(((Float) value).doubleValue(), Float.toString((Float) value));
            case DOUBLE -> floating((Double) value, Double.toString((Double) value));
            case BYTES -> xsd == XsdType.XSD_TYPE_HEX_BINARY ? HEX.formatHex(((ByteString) value).toByteArray())
                    : Base64.getEncoder().encodeToString(((ByteString) value).toByteArray());
            case ENUM -> ((EnumValueDescriptor) value).getOptions().getExtension(XmlProto.literal);
            default -> value.toString();
        };
    }

    private static String floating(double value, String text) {
        if (Double.isNaN(value)) {
            return "NaN";
        }
        if (Double.isInfinite(value)) {
            return value > 0 ? "INF" : "-INF";
        }
        return text;
    }

    /**
     * The value of a scalar field from its text.
     *
     * @throws IllegalArgumentException with a message naming what is wrong (the caller adds the element)
     */
    static Object parse(FieldDescriptor field, String raw) {
        XsdType xsd = XmlOptions.field(field).getType();
        // XSD collapses whitespace of every non-string type; strings keep theirs.
        String text = field.getType() == FieldDescriptor.Type.STRING && isPreserved(xsd) ? raw : raw.strip();
        switch (field.getType()) {
            case BOOL:
                return switch (text) {
                    case "true", "1" -> Boolean.TRUE;
                    case "false", "0" -> Boolean.FALSE;
                    default -> throw new IllegalArgumentException("'" + text + "' is not a boolean");
                };
            case INT32, SINT32, SFIXED32:
                return (int) integer(text, xsdMin(xsd, Integer.MIN_VALUE), xsdMax(xsd, Integer.MAX_VALUE));
            case UINT32, FIXED32:
                return (int) integer(text, 0, xsdMax(xsd, 0xFFFF_FFFFL));
            case INT64, SINT64, SFIXED64:
                return integer(text, Long.MIN_VALUE, Long.MAX_VALUE);
            case UINT64, FIXED64:
                try {
                    return Long.parseUnsignedLong(text.startsWith("+") ? text.substring(1) : text);
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException("'" + text + "' is not an unsignedLong (0 to 18446744073709551615)");
                }
            case FLOAT:
                return (float) floating(text);
            case DOUBLE:
                return floating(text);
            case BYTES:
                return bytes(xsd, text);
            case ENUM:
                for (EnumValueDescriptor value : field.getEnumType().getValues()) {
                    if (value.getNumber() != 0 && text.equals(value.getOptions().getExtension(XmlProto.literal))) {
                        return value;
                    }
                }
                throw new IllegalArgumentException("'" + text + "' is not one of the enumeration's literals");
            default:
                if (xsd == XsdType.XSD_TYPE_DECIMAL && !DECIMAL.matcher(text).matches()) {
                    throw new IllegalArgumentException("'" + text + "' is not an xs:decimal");
                }
                if (xsd == XsdType.XSD_TYPE_INTEGER && !isInteger(text)) {
                    throw new IllegalArgumentException("'" + text + "' is not an xs:integer");
                }
                return text;
        }
    }

    private static boolean isPreserved(XsdType xsd) {
        return xsd == XsdType.XSD_TYPE_UNSPECIFIED || xsd == XsdType.XSD_TYPE_STRING
                || xsd == XsdType.XSD_TYPE_ANY_SIMPLE_TYPE;
    }

    private static long integer(String text, long min, long max) {
        if (!isInteger(text)) {
            throw new IllegalArgumentException("'" + text + "' is not an integer");
        }
        long value;
        try {
            value = Long.parseLong(text);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(text + " is out of range (" + min + " to " + max + ")");
        }
        if (value < min || value > max) {
            throw new IllegalArgumentException(text + " is out of range (" + min + " to " + max + ")");
        }
        return value;
    }

    /** {@code [+-]?[0-9]+}, checked without a regex per value; ASCII digits only (Long.parseLong takes other scripts' too). */
    private static boolean isInteger(String text) {
        int start = text.startsWith("+") || text.startsWith("-") ? 1 : 0;
        if (text.length() == start) {
            return false;
        }
        for (int i = start; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
        }
        return true;
    }

    private static long xsdMin(XsdType xsd, long otherwise) {
        return switch (xsd) {
            case XSD_TYPE_SHORT -> Short.MIN_VALUE;
            case XSD_TYPE_BYTE -> Byte.MIN_VALUE;
            default -> otherwise;
        };
    }

    private static long xsdMax(XsdType xsd, long otherwise) {
        return switch (xsd) {
            case XSD_TYPE_SHORT -> Short.MAX_VALUE;
            case XSD_TYPE_BYTE -> Byte.MAX_VALUE;
            case XSD_TYPE_UNSIGNED_SHORT -> 0xFFFF;
            case XSD_TYPE_UNSIGNED_BYTE -> 0xFF;
            default -> otherwise;
        };
    }

    private static double floating(String text) {
        switch (text) {
            case "INF", "+INF":
                return Double.POSITIVE_INFINITY;
            case "-INF":
                return Double.NEGATIVE_INFINITY;
            case "NaN":
                return Double.NaN;
            default:
                // Java also reads "Infinity", hex floats and a trailing d/f, none of which XSD allows.
                if (!FLOATING.matcher(text).matches()) {
                    throw new IllegalArgumentException("'" + text + "' is not a float/double");
                }
                return Double.parseDouble(text);
        }
    }

    private static ByteString bytes(XsdType xsd, String text) {
        try {
            if (xsd == XsdType.XSD_TYPE_HEX_BINARY) {
                return ByteString.copyFrom(HexFormat.of().parseHex(text));
            }
            // Backends wrap base64 at 76 columns (MIME style); the whitespace carries nothing.
            return ByteString.copyFrom(Base64.getDecoder().decode(text.replaceAll("\\s+", "")));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("'" + abbreviate(text) + "' is not "
                    + (xsd == XsdType.XSD_TYPE_HEX_BINARY ? "hexBinary" : "base64Binary"));
        }
    }

    static String abbreviate(String text) {
        return text.length() > 40 ? text.substring(0, 40) + "..." : text;
    }
}

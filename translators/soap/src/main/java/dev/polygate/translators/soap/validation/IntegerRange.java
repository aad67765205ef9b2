package dev.polygate.translators.soap.validation;

import com.google.protobuf.Descriptors.FieldDescriptor;
import dev.polygate.xml.v1.XmlField;
import java.math.BigInteger;

/**
 * The values an XSD integer type mapped to a proto integer allows, and its name for messages and documents. The
 * proto type bounds int, unsignedInt, long and unsignedLong already; short, byte, unsignedShort and unsignedByte
 * share int32 and uint32 with them, so their narrower bounds are the gateway's to check.
 */
public record IntegerRange(BigInteger min, BigInteger max, String name) {
    private static final IntegerRange SHORT = of(Short.MIN_VALUE, Short.MAX_VALUE, "xs:short");
    private static final IntegerRange BYTE = of(Byte.MIN_VALUE, Byte.MAX_VALUE, "xs:byte");
    private static final IntegerRange UNSIGNED_SHORT = of(0, 65535, "xs:unsignedShort");
    private static final IntegerRange UNSIGNED_BYTE = of(0, 255, "xs:unsignedByte");
    private static final IntegerRange UNSIGNED_INT = of(0, 0xFFFF_FFFFL, "xs:unsignedInt");
    private static final IntegerRange INT = of(Integer.MIN_VALUE, Integer.MAX_VALUE, "xs:int");
    private static final IntegerRange UNSIGNED_LONG = new IntegerRange(BigInteger.ZERO,
            BigInteger.ONE.shiftLeft(64).subtract(BigInteger.ONE), "xs:unsignedLong");
    private static final IntegerRange LONG = of(Long.MIN_VALUE, Long.MAX_VALUE, "xs:long");

    private static IntegerRange of(long min, long max, String name) {
        return new IntegerRange(BigInteger.valueOf(min), BigInteger.valueOf(max), name);
    }

    /**
     * The range of an integer field (Java type INT or LONG) by its proto type and XSD type.
     *
     * @param xml the XML options of the element or attribute (for a nil wrapper's value: the wrapping field's)
     */
    public static IntegerRange of(FieldDescriptor field, XmlField xml) {
        boolean unsigned = switch (field.getType()) {
            case UINT32, FIXED32, UINT64, FIXED64 -> true;
            default -> false;
        };
        if (field.getJavaType() == FieldDescriptor.JavaType.LONG) {
            return unsigned ? UNSIGNED_LONG : LONG;
        }
        return switch (xml.getType()) {
            case XSD_TYPE_SHORT -> SHORT;
            case XSD_TYPE_BYTE -> BYTE;
            case XSD_TYPE_UNSIGNED_SHORT -> UNSIGNED_SHORT;
            case XSD_TYPE_UNSIGNED_BYTE -> UNSIGNED_BYTE;
            default -> unsigned ? UNSIGNED_INT : INT;
        };
    }

    /** Null when the value is in range, else what is wrong, e.g. "40000 is out of range for xs:short (-32768..32767)". */
    public String problem(BigInteger value) {
        return value.compareTo(min) >= 0 && value.compareTo(max) <= 0 ? null
                : FieldProblems.shorten(value.toString()) + " is out of range for " + name + " (" + min + ".." + max + ")";
    }
}

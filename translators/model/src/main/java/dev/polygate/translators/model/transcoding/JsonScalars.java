package dev.polygate.translators.model.transcoding;

import com.google.gson.JsonPrimitive;
import com.google.protobuf.Descriptors.EnumDescriptor;
import com.google.protobuf.Descriptors.FieldDescriptor;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Base64;

/**
 * The proto3 JSON rules for scalar values, as JsonFormat applies them: integers as numbers or strings
 * (64-bit ones usually strings), an integral value may be written {@code 1.0} or {@code 1e2}; floats also
 * as "NaN", "Infinity", "-Infinity"; bools as true/false; bytes as standard or URL-safe base64; enums by
 * name or number.
 */
final class JsonScalars {

    private static final BigInteger UINT64_MAX = BigInteger.ONE.shiftLeft(64).subtract(BigInteger.ONE);

    private JsonScalars() {
    }

    static String expected(FieldDescriptor f) {
        return switch (f.getJavaType()) {
            case INT, LONG -> "an integer (" + typeName(f) + ")";
            case FLOAT, DOUBLE -> "a number";
            case BOOLEAN -> "true or false";
            case STRING -> "a string";
            case BYTE_STRING -> "a base64 string";
            case ENUM -> "a value of enum " + f.getEnumType().getFullName();
            case MESSAGE -> "an object";
        };
    }

    /** The problem with a primitive JSON value for a scalar field, or null when JsonFormat accepts it. */
    static String check(FieldDescriptor f, JsonPrimitive json, boolean ignoreUnknownEnumNames) {
        String text = json.getAsString();
        return switch (f.getJavaType()) {
            case INT, LONG -> integer(f, json, text);
            case FLOAT, DOUBLE -> floating(f, json, text);
            case BOOLEAN -> json.isBoolean() || text.equals("true") || text.equals("false") ? null
                    : "expected true or false, got " + JsonProblemFinder.describe(json);
            case STRING -> null;
            case BYTE_STRING -> base64(json, text);
            case ENUM -> enumValue(f.getEnumType(), json, text, ignoreUnknownEnumNames);
            case MESSAGE -> "expected an object, got " + JsonProblemFinder.describe(json);
        };
    }

    private static String integer(FieldDescriptor f, JsonPrimitive json, String text) {
        if (json.isBoolean()) {
            return "expected " + expected(f) + ", got " + text;
        }
        BigDecimal number;
        try {
            number = new BigDecimal(text);
        } catch (NumberFormatException e) {
            return "expected " + expected(f) + ", got " + JsonProblemFinder.describe(json);
        }
        BigInteger integral;
        try {
            integral = number.toBigIntegerExact();
        } catch (ArithmeticException e) {
            return JsonText.shorten(text) + " is not an integer";
        }
        String type = typeName(f);
        boolean inRange = switch (type) {
            case "int32" -> integral.bitLength() <= 31;
            case "uint32" -> integral.signum() >= 0 && integral.bitLength() <= 32;
            case "int64" -> integral.bitLength() <= 63;
            default -> integral.signum() >= 0 && integral.compareTo(UINT64_MAX) <= 0;
        };
        return inRange ? null : JsonText.shorten(text) + " is out of range for " + type;
    }

    private static String floating(FieldDescriptor f, JsonPrimitive json, String text) {
        if (text.equals("NaN") || text.equals("Infinity") || text.equals("-Infinity")) {
            return null;
        }
        if (json.isBoolean()) {
            return "expected a number, got " + text;
        }
        double value;
        try {
            value = new BigDecimal(text).doubleValue();
        } catch (NumberFormatException e) {
            return "expected a number, got " + JsonProblemFinder.describe(json);
        }
        boolean single = f.getJavaType() == FieldDescriptor.JavaType.FLOAT;
        if (Double.isInfinite(value) || (single && Math.abs(value) > Float.MAX_VALUE)) {
            return JsonText.shorten(text) + " is out of range for " + (single ? "float" : "double");
        }
        return null;
    }

    private static String base64(JsonPrimitive json, String text) {
        if (!json.isString()) {
            return "expected a base64 string, got " + JsonProblemFinder.describe(json);
        }
        try {
            Base64.getDecoder().decode(text);
            return null;
        } catch (IllegalArgumentException e) {
            try {
                Base64.getUrlDecoder().decode(text);
                return null;
            } catch (IllegalArgumentException e2) {
                return "expected a base64 string, got " + JsonProblemFinder.describe(json);
            }
        }
    }

    private static String enumValue(EnumDescriptor type, JsonPrimitive json, String text, boolean ignoreUnknown) {
        if (json.isBoolean()) {
            return "expected a value of enum " + type.getFullName() + ", got " + text;
        }
        if (type.findValueByName(text) != null) {
            return null;
        }
        try {
            int number = Integer.parseInt(text);
            return type.isClosed() && type.findValueByNumber(number) == null
                    ? number + " is not a value of enum " + type.getFullName() : null;
        } catch (NumberFormatException e) {
            return ignoreUnknown ? null
                    : JsonProblemFinder.describe(json) + " is not a value of enum " + type.getFullName();
        }
    }

    private static String typeName(FieldDescriptor f) {
        return switch (f.getType()) {
            case INT32, SINT32, SFIXED32 -> "int32";
            case UINT32, FIXED32 -> "uint32";
            case INT64, SINT64, SFIXED64 -> "int64";
            default -> "uint64";
        };
    }
}

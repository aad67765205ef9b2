package dev.polygate.translators.model.transcoding;

import com.google.protobuf.ByteString;
import com.google.protobuf.Descriptors.EnumDescriptor;
import com.google.protobuf.Descriptors.EnumValueDescriptor;
import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.DynamicMessage;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.util.JsonFormat;
import dev.polygate.spi.ErrorKind;
import dev.polygate.spi.GatewayException;
import java.util.Base64;
import java.util.Locale;

/**
 * Converts one text value (a path variable or a query parameter) to the value of a field: numbers in
 * decimal (64-bit ones too), bools as true/false/1/0, enums by name or number, bytes as standard or URL-safe
 * base64 (padding optional), and Timestamp, Duration, FieldMask and wrappers in their JSON string form.
 */
final class TextValueParser {

    private static final JsonFormat.Parser WELL_KNOWN = JsonFormat.parser();

    private TextValueParser() {
    }

    /** @param where how the client names the value, e.g. {@code query parameter "pageSize"} */
    static Object parse(FieldDescriptor f, String text, String where) {
        return switch (f.getType()) {
            case STRING -> text;
            case INT32, SINT32, SFIXED32 -> (int) integer(text, Integer.MIN_VALUE, Integer.MAX_VALUE, "int32", where);
            case UINT32, FIXED32 -> (int) integer(text, 0, 0xFFFF_FFFFL, "uint32", where);
            case INT64, SINT64, SFIXED64 -> integer(text, Long.MIN_VALUE, Long.MAX_VALUE, "int64", where);
            case UINT64, FIXED64 -> unsigned64(text, where);
            case DOUBLE -> floating(text, false, where);
            case FLOAT -> (float) floating(text, true, where);
            case BOOL -> bool(text, where);
            case BYTES -> ByteString.copyFrom(bytes(text, where));
            case ENUM -> enumValue(f.getEnumType(), text, where);
            case MESSAGE, GROUP -> message(f, text, where);
        };
    }

    private static long integer(String text, long min, long max, String type, String where) {
        long value;
        try {
            value = Long.parseLong(text);
        } catch (NumberFormatException e) {
            if (isDigits(text)) {
                throw bad(where, text + " is out of range for " + type);
            }
            throw bad(where, quote(text) + " is not a valid " + type);
        }
        if (value < min || value > max) {
            throw bad(where, text + " is out of range for " + type);
        }
        return value;
    }

    private static long unsigned64(String text, String where) {
        if (text.startsWith("-") || text.startsWith("+")) {
            throw bad(where, quote(text) + " is not a valid uint64");
        }
        try {
            return Long.parseUnsignedLong(text);
        } catch (NumberFormatException e) {
            throw bad(where, isDigits(text) ? text + " is out of range for uint64" : quote(text) + " is not a valid uint64");
        }
    }

    private static boolean isDigits(String text) {
        int start = text.startsWith("-") ? 1 : 0;
        if (text.length() <= start) {
            return false;
        }
        for (int i = start; i < text.length(); i++) {
            if (text.charAt(i) < '0' || text.charAt(i) > '9') {
                return false;
            }
        }
        return true;
    }

    private static double floating(String text, boolean single, String where) {
        String type = single ? "float" : "double";
        double value;
        switch (text) {
            case "NaN" -> value = Double.NaN;
            case "Infinity" -> value = Double.POSITIVE_INFINITY;
            case "-Infinity" -> value = Double.NEGATIVE_INFINITY;
            default -> {
                // Java would also accept "1d", "0x1p3" and " 1": not numbers in JSON or in a URL.
                if (text.isEmpty() || !text.chars().allMatch(c -> (c >= '0' && c <= '9') || "+-.eE".indexOf(c) >= 0)) {
                    throw bad(where, quote(text) + " is not a valid " + type);
                }
                try {
                    value = Double.parseDouble(text);
                } catch (NumberFormatException e) {
                    throw bad(where, quote(text) + " is not a valid " + type);
                }
                if (Double.isInfinite(value) || (single && Math.abs(value) > Float.MAX_VALUE)) {
                    throw bad(where, text + " is out of range for " + type);
                }
            }
        }
        return value;
    }

    private static boolean bool(String text, String where) {
        switch (text.toLowerCase(Locale.ROOT)) {
            case "true", "1" -> {
                return true;
            }
            case "false", "0" -> {
                return false;
            }
            default -> throw bad(where, quote(text) + " is not a valid bool (true or false)");
        }
    }

    static byte[] bytes(String text, String where) {
        // A form-decoded query turns '+' into ' ': undo it, a space is never part of base64.
        String b64 = text.indexOf(' ') >= 0 ? text.replace(' ', '+') : text;
        try {
            boolean urlSafe = b64.indexOf('-') >= 0 || b64.indexOf('_') >= 0;
            return (urlSafe ? Base64.getUrlDecoder() : Base64.getDecoder()).decode(b64);
        } catch (IllegalArgumentException e) {
            throw bad(where, "is not valid base64");
        }
    }

    private static EnumValueDescriptor enumValue(EnumDescriptor type, String text, String where) {
        EnumValueDescriptor value = type.findValueByName(text);
        if (value != null) {
            return value;
        }
        if (isDigits(text)) {
            try {
                int number = Integer.parseInt(text);
                value = type.isClosed() ? type.findValueByNumber(number) : type.findValueByNumberCreatingIfUnknown(number);
            } catch (NumberFormatException e) {
                value = null;
            }
        }
        if (value == null) {
            throw bad(where, quote(text) + " is not a value of enum " + type.getFullName());
        }
        return value;
    }

    private static Object message(FieldDescriptor f, String text, String where) {
        String type = f.getMessageType().getFullName();
        DynamicMessage.Builder builder = DynamicMessage.newBuilder(f.getMessageType());
        if (type.startsWith("google.protobuf.") && type.endsWith("Value")) {
            FieldDescriptor inner = f.getMessageType().findFieldByName("value");
            return builder.setField(inner, parse(inner, text, where)).build();
        }
        try {
            WELL_KNOWN.merge(JsonText.quote(text), builder);
            if (type.equals("google.protobuf.Timestamp")) {
                StrictTimestamps.parse(text);
            }
            return builder.build();
        } catch (InvalidProtocolBufferException | java.text.ParseException | RuntimeException e) {
            throw bad(where, quote(text) + switch (type) {
                case "google.protobuf.Timestamp" -> " is not an RFC 3339 timestamp such as \"2024-01-31T12:00:00Z\"";
                case "google.protobuf.Duration" -> " is not a duration such as \"1.5s\"";
                default -> " is not a valid " + type;
            });
        }
    }

    private static String quote(String text) {
        return JsonText.quote(JsonText.shorten(text));
    }

    private static GatewayException bad(String where, String what) {
        return new GatewayException(ErrorKind.BAD_REQUEST, where + ": " + what);
    }
}

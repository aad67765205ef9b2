package dev.polygate.translators.soap.validation;

import com.google.protobuf.Descriptors.FieldDescriptor;
import dev.polygate.spi.ErrorKind;
import dev.polygate.spi.GatewayException;

/**
 * The client-facing 400s of a value that breaks its schema, naming the field by its path in the message as JSON
 * spells it ({@code order.line[1].unitPrice}), whichever protocol brought it.
 */
public final class FieldProblems {
    private static final int MAX_SHOWN = 40;

    private FieldProblems() {
    }

    /** "field 'path': problem". */
    public static GatewayException at(String path, String problem) {
        return new GatewayException(ErrorKind.BAD_REQUEST, "field '" + path + "': " + problem);
    }

    /** A required element or attribute the message lacks. */
    public static GatewayException missing(FieldDescriptor field, String path) {
        return new GatewayException(ErrorKind.BAD_REQUEST,
                "missing required " + Occurrences.kind(field) + " '" + path + "'");
    }

    /** "field 'path': expected what, got "text"": a text that is no lexical form of the field's type. */
    static GatewayException expected(String path, String what, String text) {
        return at(path, "expected " + what + ", got \"" + shorten(text) + "\"");
    }

    /** Echoed text is cut short to keep the message readable. */
    public static String shorten(String text) {
        return text.length() <= MAX_SHOWN ? text : text.substring(0, MAX_SHOWN) + "...";
    }

    /** The path of a field of the message at {@code path}. */
    static String child(String path, String jsonName) {
        return path.isEmpty() ? jsonName : path + "." + jsonName;
    }
}

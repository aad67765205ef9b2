package dev.polygate.translators.soap.json;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.polygate.spi.ErrorKind;
import dev.polygate.spi.GatewayException;
import dev.polygate.translators.soap.validation.FieldProblems;
import java.io.IOException;

/** Client-facing 400s that name the field by its path in the document ({@code line[1].qty}). */
final class Problems {

    private Problems() {
    }

    static GatewayException at(String path, String problem) {
        return FieldProblems.at(path, problem);
    }

    static GatewayException bad(String problem) {
        return new GatewayException(ErrorKind.BAD_REQUEST, problem);
    }

    static GatewayException expected(String path, String expected, JsonParser parser) throws IOException {
        return at(path, "expected " + expected + ", got " + describe(parser));
    }

    /** The current token as a client would name it; echoed text is cut short to keep the message readable. */
    static String describe(JsonParser parser) throws IOException {
        JsonToken token = parser.currentToken();
        return switch (token) {
            case START_OBJECT -> "an object";
            case START_ARRAY -> "an array";
            case VALUE_NULL -> "null";
            case VALUE_TRUE, VALUE_FALSE -> parser.getText();
            case VALUE_STRING -> "\"" + shorten(parser.getText()) + "\"";
            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> shorten(parser.getText());
            default -> String.valueOf(token);
        };
    }

    static String shorten(String text) {
        return FieldProblems.shorten(text);
    }
}

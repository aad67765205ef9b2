package dev.polygate.translators.soap.json;

import static dev.polygate.translators.soap.json.ShopSchema.element;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.DynamicMessage;
import dev.polygate.spi.ErrorKind;
import dev.polygate.spi.GatewayException;
import dev.polygate.translators.model.transcoding.TranscodingOptions;
import org.junit.jupiter.api.Test;

/** Every client mistake is a 400 whose message names the field and what was expected. */
class XmlJsonRefusalTest {

    private static final String ORDER = "{\"id\":\"o1\",\"tags\":[null],\"customer\":null,\"status\":\"open\",\"currency\":\"EUR\"";

    private final XmlJsonCodec codec = new XmlJsonCodec(TranscodingOptions.defaults());

    private void refused(String type, String json, String message) {
        assertThatThrownBy(() -> codec.read(json, element(type)))
                .isInstanceOf(GatewayException.class).hasMessage(message)
                .extracting(e -> ((GatewayException) e).kind()).isEqualTo(ErrorKind.BAD_REQUEST);
    }

    /** A Builtins element whose every other value is good: what is refused is the value of {@code key}. */
    private void builtin(String key, String value, String message) {
        assertThatThrownBy(() -> codec.read(ShopSchema.builtins(key, value), element("Builtins")))
                .isInstanceOf(GatewayException.class).hasMessage(message);
    }

    @Test
    void unknownKeysAreNamedWithTheKnownOnes() {
        refused("Add", "{\"intA\":1,\"int_b\":2}", "unknown field 'int_b' (Add has intA, intB)");
        refused("Order", ORDER + ",\"line\":[{\"sku\":\"a\",\"qty\":1,\"price\":2}]}",
                "unknown field 'line[0].price' (Line has sku, qty)");
        DynamicMessage m = new XmlJsonCodec(new TranscodingOptions(false, false, true))
                .read("{\"intA\":1,\"x\":{\"deep\":[1,{}]},\"intB\":2}", element("Add"));
        assertThat(m.toString()).contains("int_a: 1", "int_b: 2");
    }

    @Test
    void textXmlCannotCarryIsRefusedWhereItIsGiven() {
        refused("Order", ORDER.replace("\"id\":\"o1\"", "\"id\":\"o\\u00011\"") + "}",
                "field 'id': expected text XML can carry (U+0001 at position 2 is not allowed in XML), got \"o\u00011\"");
        refused("Order", ORDER.replace("\"id\":\"o1\"", "\"id\":\"\\ud800x\"") + "}",
                "field 'id': expected text XML can carry (U+D800 at position 1 is not allowed in XML), got \"\ud800x\"");
        refused("Order", ORDER.replace("\"id\":\"o1\"", "\"id\":\"\\uffff\"") + "}",
                "field 'id': expected text XML can carry (U+FFFF at position 1 is not allowed in XML), got \"\uffff\"");
        // tab, line feed, carriage return and characters beyond U+FFFF are text like any other
        DynamicMessage order = codec.read(ORDER.replace("\"id\":\"o1\"", "\"id\":\"a\\tb\\nc\\r\\ud83d\\ude00\"") + "}",
                element("Order"));
        assertThat(order.getField(order.getDescriptorForType().findFieldByName("id"))).isEqualTo("a\tb\nc\r\ud83d\ude00");
    }

    @Test
    void missingRequiredElementsAtEveryLevel() {
        refused("Add", "{\"intB\":2}", "missing required element 'intA'");
        refused("Order", ORDER + ",\"line\":[{\"sku\":\"a\"}]}", "missing required element 'line[0].qty'");
        refused("Order", "{\"id\":\"o1\",\"customer\":null,\"status\":\"open\"}", "missing required element 'tags'");
        refused("Order", "{\"id\":\"o1\",\"tags\":[\"t\"],\"status\":\"open\"}", "missing required element 'customer'");
        refused("Order", "{\"id\":\"o1\",\"tags\":[],\"customer\":null,\"status\":\"open\",\"currency\":\"EUR\"}",
                "field 'tags': at least 1 item required, got 0");
        refused("Order", (ORDER + ",\"customer\":{\"name\":\"n\"}}").replace(",\"customer\":null", ""),
                "missing required element 'customer.price'");
        // given as the default value is given: proto3 cannot tell, the codec remembers the key
        assertThat(codec.read("{\"intA\":0,\"intB\":0}", element("Add")).getAllFields()).isEmpty();
    }

    @Test
    void theTopLevelMayBeCompletedAfterTheMerge() {
        DynamicMessage.Builder add = DynamicMessage.newBuilder(element("Add"));
        codec.merge("{\"intB\":2}", add);
        add.setField(element("Add").findFieldByName("int_a"), 5); // as an HTTP path variable would
        codec.checkComplete(add);
        assertThatThrownBy(() -> codec.checkComplete(DynamicMessage.newBuilder(element("Add"))))
                .hasMessage("missing required element 'intA'");
    }

    @Test
    void repeatedElementsMustBeArraysAndNullOnlyForNillable() {
        refused("Order", ORDER.replace("\"tags\":[null]", "\"tags\":\"x\"") + "}", "field 'tags': expected an array, got \"x\"");
        refused("Order", ORDER + ",\"line\":{\"sku\":\"a\",\"qty\":1}}", "field 'line': expected an array, got an object");
        refused("Order", ORDER + ",\"note\":null}",
                "field 'note': null is only allowed for nillable elements; leave the key out instead");
        refused("Order", ORDER + ",\"line\":[null]}",
                "field 'line[0]': null is only allowed for nillable elements; leave the key out instead");
        refused("Order", ORDER + ",\"id\":\"again\"}", "field 'id': given twice");
    }

    @Test
    void aChoiceTakesOneMember() {
        refused("Order", ORDER + ",\"card\":\"1\",\"cash\":\"2\"}",
                "field 'cash': 'card' is given too, but only one of card, cash, voucher may be (an xs:choice)");
        refused("Playlist", "{\"choice\":[{\"song\":\"a\",\"pause\":1}],\"many\":[]}",
                "field 'choice[0].pause': 'song' is given too, but only one of song, pause may be (an xs:choice)");
        refused("Playlist", "{\"choice\":{\"song\":\"a\"}}", "field 'choice': expected an array, got an object");
    }

    @Test
    void enumsByTheirLiterals() {
        refused("Order", ORDER + ",\"size\":\"SIZE_SMALL\"}",
                "field 'size': expected one of \"1st\", \"a-b\", \"a_b\", \"small\", got \"SIZE_SMALL\"");
        refused("Order", ORDER + ",\"size\":1}", "field 'size': expected one of \"1st\", \"a-b\", \"a_b\", \"small\", got 1");
    }

    @Test
    void integersInRangeAndOfTheRightType() {
        refused("Add", "{\"intA\":2147483648,\"intB\":1}",
                "field 'intA': 2147483648 is out of range for xs:int (-2147483648..2147483647)");
        refused("Add", "{\"intA\":\"1\",\"intB\":1}", "field 'intA': expected an integer, got \"1\"");
        refused("Add", "{\"intA\":1.5,\"intB\":1}", "field 'intA': expected an integer, got 1.5");
        builtin("aShort", "32768", "field 'aShort': 32768 is out of range for xs:short (-32768..32767)");
        builtin("anUnsignedInt", "-1", "field 'anUnsignedInt': -1 is out of range for xs:unsignedInt (0..4294967295)");
        builtin("aLong", "\"9223372036854775808\"",
                "field 'aLong': 9223372036854775808 is out of range for xs:long (-9223372036854775808..9223372036854775807)");
        builtin("anUnsignedLong", "18446744073709551616",
                "field 'anUnsignedLong': 18446744073709551616 is out of range for xs:unsignedLong (0..18446744073709551615)");
        builtin("aLong", "\"12a\"", "field 'aLong': expected an integer (a number or a string of digits), got \"12a\"");
        builtin("aFloat", "1e39", "field 'aFloat': 1e39 is out of range for xs:float");
        builtin("aDouble", "\"1.5\"", "field 'aDouble': expected a number, \"Infinity\", \"-Infinity\" or \"NaN\", got \"1.5\"");
    }

    @Test
    void integerAndDecimalLexicalForms() {
        builtin("aDecimal", "\"1,5\"", "field 'aDecimal': expected an xs:decimal such as \"-12.50\" (digits, no exponent), got \"1,5\"");
        builtin("aDecimal", "\"1e5\"", "field 'aDecimal': expected an xs:decimal such as \"-12.50\" (digits, no exponent), got \"1e5\"");
        builtin("aDecimal", "true", "field 'aDecimal': expected a decimal (a number or a string), got true");
        builtin("anInteger", "1.5", "field 'anInteger': expected an xs:integer (digits only), got \"1.5\"");
        builtin("aNonNegativeInteger", "-1", "field 'aNonNegativeInteger': expected an xs:nonNegativeInteger, got \"-1\"");
    }

    @Test
    void booleansDatesBytesAndQNames() {
        builtin("aBoolean", "\"1\"", "field 'aBoolean': expected true or false, got \"1\"");
        builtin("aDate", "\"2023-02-29\"", "field 'aDate': expected an xs:date such as \"2024-01-31\", got \"2023-02-29\"");
        builtin("aDate", "\"2024-1-31\"", "field 'aDate': expected an xs:date such as \"2024-01-31\", got \"2024-1-31\"");
        builtin("aDateTime", "\"2024-01-31T25:00:00Z\"",
                "field 'aDateTime': expected an xs:dateTime such as \"2024-01-31T13:20:00Z\", got \"2024-01-31T25:00:00Z\"");
        builtin("aDateTime", "\"2024-01-31\"",
                "field 'aDateTime': expected an xs:dateTime such as \"2024-01-31T13:20:00Z\", got \"2024-01-31\"");
        builtin("aTime", "\"13:60:00\"", "field 'aTime': expected an xs:time such as \"13:20:00\", got \"13:60:00\"");
        builtin("aDuration", "\"P\"", "field 'aDuration': expected an xs:duration such as \"P1DT2H\" or \"PT1.5S\", got \"P\"");
        builtin("aDuration", "\"PT\"", "field 'aDuration': expected an xs:duration such as \"P1DT2H\" or \"PT1.5S\", got \"PT\"");
        builtin("aDuration", "5", "field 'aDuration': expected a string, got 5");
        builtin("aBase64Binary", "\"a*b\"", "field 'aBase64Binary': expected a base64 string, got \"a*b\"");
        builtin("aHexBinary", "\"0102\"".replace("0102", "-_"), "field 'aHexBinary': expected a base64 string, got \"-_\"");
        builtin("aQName", "\"p:local\"", "field 'aQName': expected a QName in Clark notation such as \"{urn:ns}local\", got \"p:local\"");
        builtin("aString", "{}", "field 'aString': expected a string, got an object");
    }

    @Test
    void anyIsOneWellFormedElementWithoutDtd() {
        assertThatThrownBy(() -> codec.read(ORDER + ",\"any\":[\"<a><b></a>\"]}", element("Order")))
                .hasMessageStartingWith("field 'any[0]': expected one well-formed XML element, got \"<a><b></a>\": ");
        assertThatThrownBy(() -> codec.read(ORDER + ",\"any\":[\"<p:a/>\"]}", element("Order")))
                .hasMessageStartingWith("field 'any[0]': expected one well-formed XML element, got \"<p:a/>\": ");
        assertThatThrownBy(() -> codec.read(ORDER + ",\"any\":[\"<!DOCTYPE a [<!ENTITY e 'x'>]><a>&e;</a>\"]}",
                element("Order"))).hasMessageContaining("DOCTYPE");
        refused("Order", ORDER + ",\"anyAttributes\":{\"{urn:x}a\":1}}",
                "field 'anyAttributes[\"{urn:x}a\"]': expected a string, got 1");
        refused("Order", ORDER + ",\"anyAttributes\":[]}", "field 'anyAttributes': expected an object of attributes, got an array");
    }

    @Test
    void malformedJsonSaysWhere() {
        assertThatThrownBy(() -> codec.read("{\"intA\":1,\n\"intB\":}", element("Add")))
                .hasMessageStartingWith("malformed JSON: Unexpected character ('}' (code 125))")
                .hasMessageEndingWith("(line 2, column 8)");
        refused("Add", "[1]", "the JSON body must be an object, got an array");
        refused("Add", "{\"intA\":1,\"intB\":2} {}", "malformed JSON: more than one value (line 1, column 21)");
        refused("Order", ORDER + ",\"line\":[\"x\"]}", "field 'line[0]': expected an object, got \"x\"");
    }
}

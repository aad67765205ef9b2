package dev.polygate.translators.soap.json;

import static dev.polygate.translators.soap.json.ShopSchema.element;
import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.DynamicMessage;
import dev.polygate.translators.model.transcoding.TranscodingOptions;
import org.junit.jupiter.api.Test;

/** JSON → message → JSON gives the document back: keys, order, nil, lists, choices and groups. */
class XmlJsonShapeTest {

    private final XmlJsonCodec codec = new XmlJsonCodec(TranscodingOptions.defaults());

    private void roundTrip(String type, String json) {
        DynamicMessage message = codec.read(json, element(type));
        assertThat(codec.print(message)).isEqualTo(json);
    }

    @Test
    void orderWithEveryKindOfField() {
        roundTrip("Order", ShopJson.ORDER);
    }

    @Test
    void absentNullAndValueStayThreeStates() {
        roundTrip("Order", "{\"id\":\"o1\",\"line\":[],\"tags\":[null],\"customer\":null,\"status\":\"closed\","
                + "\"voucher\":null,\"any\":[],\"currency\":\"\"}");
        roundTrip("Order", "{\"id\":\"o1\",\"line\":[],\"discount\":null,\"tags\":[\"t\"],\"customer\":null,"
                + "\"status\":\"closed\",\"cash\":\"0\",\"any\":[],\"currency\":\"\"}");
    }

    @Test
    void requiredScalarsArePrintedEvenWhenDefaultAndListsAlways() {
        assertThat(codec.print(DynamicMessage.getDefaultInstance(element("Add")))).isEqualTo("{\"intA\":0,\"intB\":0}");
        assertThat(codec.print(DynamicMessage.getDefaultInstance(element("Tree")))).isEqualTo("{\"label\":\"\",\"child\":[]}");
        roundTrip("Tree", "{\"label\":\"r\",\"child\":[{\"label\":\"a\",\"child\":[]}]}");
    }

    @Test
    void groupsAreArraysOfObjectsAndASequenceInAChoiceAnObject() {
        roundTrip("Playlist", "{\"choice\":[{\"song\":\"a\"},{\"pause\":2},{\"song\":\"b\"}],"
                + "\"sequence\":[{\"key\":\"k\",\"value\":\"v\"}],\"many\":[\"m1\",\"m2\"],"
                + "\"sequence_2\":{\"from\":\"2024-01-01\",\"to\":\"2024-02-29\"}}");
    }

    @Test
    void builtinsKeepEveryDigit() {
        roundTrip("Builtins", ShopJson.BUILTINS);
    }

    @Test
    void numbersAreAcceptedForStringFormsAndPrintedAsTheContractSays() {
        DynamicMessage m = codec.read("{\"aString\":\"\",\"aBoolean\":false,\"aDecimal\":1.10,\"anInteger\":12345678901234567890123,"
                + "\"aNonNegativeInteger\":\"1\",\"aLong\":9007199254740993,\"anInt\":1,\"aShort\":1,\"aByte\":1,"
                + "\"anUnsignedLong\":18446744073709551615,\"anUnsignedInt\":1,\"aFloat\":1,\"aDouble\":1e300,"
                + "\"aDateTime\":\"2024-01-31T12:00:00\",\"aDate\":\"2024-01-31\",\"aTime\":\"00:00:00\","
                + "\"aDuration\":\"PT0S\",\"aBase64Binary\":\"\",\"aHexBinary\":\"\",\"aQName\":\"local\","
                + "\"anAnyURI\":\"\",\"aList\":\"\",\"aRestrictedDecimal\":1E+2}", element("Builtins"));
        assertThat(codec.print(m)).contains("\"aDecimal\":\"1.10\"", "\"anInteger\":\"12345678901234567890123\"",
                "\"aLong\":\"9007199254740993\"", "\"anUnsignedLong\":\"18446744073709551615\"", "\"aDouble\":1.0E300",
                "\"aRestrictedDecimal\":\"100\"");
    }

    @Test
    void aSimpleTypeElementIsItsValueOrNull() {
        roundTrip("count", "{\"count\":5}");
        roundTrip("count", "{\"count\":null}");
        assertThat(codec.print(DynamicMessage.getDefaultInstance(element("count")))).isEqualTo("{}");
    }
}

package dev.polygate.translators.soap.json;

/** JSON documents of the schema fixtures (shop.xsd) that use every construct, exactly as the codec prints them. */
public final class ShopJson {
    /** An Order with every kind of field: lists, nil, a choice, an attribute beside an element, wildcards. */
    public static final String ORDER = "{\"id\":\"o1\",\"line\":[{\"sku\":\"a\",\"qty\":2},{\"sku\":\"b\",\"qty\":0}],"
            + "\"note\":\"n\",\"discount\":\"1.10\",\"tags\":[\"x\",null,\"z\"],"
            + "\"customer\":{\"name\":\"Ann\",\"price\":{\"value\":\"9.99\",\"currency\":\"EUR\",\"@value\":\"v\"}},"
            + "\"size\":\"a-b\",\"status\":\"open\",\"card\":\"1234\",\"comment\":\"c\",\"note_2\":\"other\","
            + "\"any\":[\"<x:a xmlns:x=\\\"urn:x\\\">1</x:a>\"],\"@id\":7,\"currency\":\"EUR\","
            + "\"anyAttributes\":{\"{urn:x}a\":\"v\"}}";
    /** Builtins with every built-in XSD type at the edges of its range and lexical form. */
    public static final String BUILTINS = "{\"aString\":\"s\",\"aBoolean\":true,\"aDecimal\":\"12345678901234567890.000000001\","
            + "\"anInteger\":\"-123456789012345678901234567890\",\"aNonNegativeInteger\":\"0\","
            + "\"aLong\":\"9007199254740993\",\"anInt\":-2147483648,\"aShort\":-32768,\"aByte\":127,"
            + "\"anUnsignedLong\":\"18446744073709551615\",\"anUnsignedInt\":4294967295,\"aFloat\":1.5,"
            + "\"aDouble\":\"-Infinity\",\"aDateTime\":\"2024-02-29T24:00:00Z\",\"aDate\":\"-0044-03-15\","
            + "\"aTime\":\"13:20:00.5+01:00\",\"aDuration\":\"P1Y2M3DT4H5M6.7S\",\"aBase64Binary\":\"aGk/Pg==\","
            + "\"aHexBinary\":\"AQI=\",\"aQName\":\"{urn:x}local\",\"anAnyURI\":\"urn:x\",\"aList\":\"1 2 3\","
            + "\"aRestrictedDecimal\":\"1.10\"}";

    private ShopJson() {
    }
}

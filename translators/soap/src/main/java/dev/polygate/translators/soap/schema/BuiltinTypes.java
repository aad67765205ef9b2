package dev.polygate.translators.soap.schema;

import com.google.protobuf.DescriptorProtos.FieldDescriptorProto.Type;
import dev.polygate.xml.v1.XsdType;
import java.util.HashMap;
import java.util.Map;
import javax.xml.XMLConstants;
import javax.xml.namespace.QName;

/** The XSD built-in simple types and the proto scalar each maps to (see the package documentation's table). */
final class BuiltinTypes {
    private static final Map<String, FieldType> TYPES = new HashMap<>();

    static {
        for (String name : new String[] {"string", "normalizedString", "token", "language", "Name", "NCName", "ID",
                "IDREF", "IDREFS", "ENTITY", "ENTITIES", "NMTOKEN", "NMTOKENS"}) {
            put(name, Type.TYPE_STRING, XsdType.XSD_TYPE_UNSPECIFIED, "String");
        }
        put("anyURI", Type.TYPE_STRING, XsdType.XSD_TYPE_ANY_URI, "AnyURI");
        put("QName", Type.TYPE_STRING, XsdType.XSD_TYPE_QNAME, "QName");
        put("NOTATION", Type.TYPE_STRING, XsdType.XSD_TYPE_QNAME, "QName");
        put("boolean", Type.TYPE_BOOL, XsdType.XSD_TYPE_BOOLEAN, "Boolean");
        put("decimal", Type.TYPE_STRING, XsdType.XSD_TYPE_DECIMAL, "Decimal");
        // Unbounded: int64 would overflow past 2^63. proto3 JSON prints int64 as a string of digits anyway,
        // so the JSON shape is the same as long's.
        for (String name : new String[] {"integer", "nonNegativeInteger", "positiveInteger", "nonPositiveInteger",
                "negativeInteger"}) {
            put(name, Type.TYPE_STRING, XsdType.XSD_TYPE_INTEGER, "Integer");
        }
        put("long", Type.TYPE_INT64, XsdType.XSD_TYPE_LONG, "Long");
        put("int", Type.TYPE_INT32, XsdType.XSD_TYPE_INT, "Int");
        put("short", Type.TYPE_INT32, XsdType.XSD_TYPE_SHORT, "Short");
        put("byte", Type.TYPE_INT32, XsdType.XSD_TYPE_BYTE, "Byte");
        put("unsignedLong", Type.TYPE_UINT64, XsdType.XSD_TYPE_UNSIGNED_LONG, "UnsignedLong");
        put("unsignedInt", Type.TYPE_UINT32, XsdType.XSD_TYPE_UNSIGNED_INT, "UnsignedInt");
        put("unsignedShort", Type.TYPE_UINT32, XsdType.XSD_TYPE_UNSIGNED_SHORT, "UnsignedShort");
        put("unsignedByte", Type.TYPE_UINT32, XsdType.XSD_TYPE_UNSIGNED_BYTE, "UnsignedByte");
        put("float", Type.TYPE_FLOAT, XsdType.XSD_TYPE_FLOAT, "Float");
        put("double", Type.TYPE_DOUBLE, XsdType.XSD_TYPE_DOUBLE, "Double");
        put("dateTime", Type.TYPE_STRING, XsdType.XSD_TYPE_DATE_TIME, "DateTime");
        put("dateTimeStamp", Type.TYPE_STRING, XsdType.XSD_TYPE_DATE_TIME, "DateTime");
        put("date", Type.TYPE_STRING, XsdType.XSD_TYPE_DATE, "Date");
        put("time", Type.TYPE_STRING, XsdType.XSD_TYPE_TIME, "Time");
        for (String name : new String[] {"duration", "dayTimeDuration", "yearMonthDuration"}) {
            put(name, Type.TYPE_STRING, XsdType.XSD_TYPE_DURATION, "Duration");
        }
        for (String name : new String[] {"gYear", "gYearMonth", "gMonth", "gMonthDay", "gDay"}) {
            put(name, Type.TYPE_STRING, XsdType.XSD_TYPE_G_CALENDAR, "GCalendar");
        }
        put("hexBinary", Type.TYPE_BYTES, XsdType.XSD_TYPE_HEX_BINARY, "HexBinary");
        put("base64Binary", Type.TYPE_BYTES, XsdType.XSD_TYPE_BASE64_BINARY, "Base64Binary");
        put("anySimpleType", Type.TYPE_STRING, XsdType.XSD_TYPE_ANY_SIMPLE_TYPE, "AnySimpleType");
        put("anyType", Type.TYPE_STRING, XsdType.XSD_TYPE_ANY_SIMPLE_TYPE, "AnySimpleType");
    }

    private BuiltinTypes() {
    }

    static boolean isBuiltin(QName name) {
        return name != null && XMLConstants.W3C_XML_SCHEMA_NS_URI.equals(name.getNamespaceURI());
    }

    /** The mapping of a built-in; an unknown one (a newer XSD version's) is kept as a string. */
    static FieldType of(QName name) {
        FieldType known = TYPES.get(name.getLocalPart());
        FieldType type = known != null ? known
                : new FieldType(Type.TYPE_STRING, null, XsdType.XSD_TYPE_ANY_SIMPLE_TYPE, "", "AnySimpleType");
        return new FieldType(type.type(), null, type.xsd(), name.toString(), type.label());
    }

    static FieldType string(XsdType xsd, String xsdTypeName, String label) {
        return new FieldType(Type.TYPE_STRING, null, xsd, xsdTypeName, label);
    }

    private static void put(String name, Type type, XsdType xsd, String label) {
        TYPES.put(name, new FieldType(type, null, xsd, "", label));
    }
}

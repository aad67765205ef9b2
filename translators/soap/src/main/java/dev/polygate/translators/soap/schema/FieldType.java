package dev.polygate.translators.soap.schema;

import com.google.protobuf.DescriptorProtos.FieldDescriptorProto.Type;
import dev.polygate.xml.v1.XsdType;

/**
 * The proto type of a field's value.
 *
 * @param type the proto scalar, TYPE_MESSAGE or TYPE_ENUM
 * @param typeName fully qualified (".pkg.Name") for messages and enums, else null
 * @param xsd the built-in type whose lexical form the value follows, UNSPECIFIED for strings, enums, messages
 * @param xsdTypeName the XSD type in Clark notation, "" when unknown
 * @param label a short name for the type, used to name its nil wrapper ("Int", "Decimal", "Address")
 */
record FieldType(Type type, String typeName, XsdType xsd, String xsdTypeName, String label) {
    static FieldType message(String typeName, String xsdTypeName) {
        return new FieldType(Type.TYPE_MESSAGE, typeName, XsdType.XSD_TYPE_UNSPECIFIED, xsdTypeName, simpleName(typeName));
    }

    static FieldType enumeration(String typeName, String xsdTypeName) {
        return new FieldType(Type.TYPE_ENUM, typeName, XsdType.XSD_TYPE_UNSPECIFIED, xsdTypeName, simpleName(typeName));
    }

    boolean isMessage() {
        return type == Type.TYPE_MESSAGE;
    }

    /** The nesting path without the package, joined: ".pkg.Order.Item" → "OrderItem". */
    private static String simpleName(String typeName) {
        String[] parts = typeName.split("\\.");
        StringBuilder name = new StringBuilder();
        for (String part : parts) {
            if (!part.isEmpty() && Character.isUpperCase(part.charAt(0))) {
                name.append(part);
            }
        }
        return name.toString();
    }
}

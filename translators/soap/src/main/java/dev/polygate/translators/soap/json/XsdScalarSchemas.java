package dev.polygate.translators.soap.json;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.protobuf.Descriptors.FieldDescriptor;
import dev.polygate.translators.model.openapi.SchemaRefs;
import dev.polygate.translators.soap.validation.IntegerRange;
import dev.polygate.translators.soap.validation.LexicalForms;
import dev.polygate.xml.v1.XmlField;
import dev.polygate.xml.v1.XmlFieldKind;
import java.util.regex.Pattern;

/**
 * The JSON Schema of one value as {@link ScalarReader} reads it and {@link MessageWriter} prints it: the proto
 * type says the JSON type, the XSD type in the field's XML options says the lexical form. Where reading takes
 * more than printing gives (long, integer and decimal also from numbers), the schema allows both.
 */
final class XsdScalarSchemas {
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private XsdScalarSchemas() {
    }

    /**
     * @param field the proto field whose type the value has (a nil wrapper's value field)
     * @param xml   the XML options of the element or attribute
     */
    static ObjectNode of(FieldDescriptor field, XmlField xml, SchemaRefs refs) {
        return switch (field.getJavaType()) {
            case BOOLEAN -> JSON.objectNode().put("type", "boolean");
            case INT -> range(JSON.objectNode().put("type", "integer"), IntegerRange.of(field, xml));
            case LONG -> stringOr("integer", anchored(ScalarReader.INTEGER_TEXT), range(JSON.objectNode(),
                    IntegerRange.of(field, xml)), IntegerRange.of(field, xml).name()
                    + ": printed as a string of digits, read from a string of digits or a JSON integer");
            case FLOAT -> floating("xs:float");
            case DOUBLE -> floating("xs:double");
            case STRING -> text(xml);
            case BYTE_STRING -> JSON.objectNode().put("type", "string").put("contentEncoding", "base64")
                    .put("description", xml.getType() == dev.polygate.xml.v1.XsdType.XSD_TYPE_HEX_BINARY
                            ? "xs:hexBinary, carried as standard base64 in JSON" : "xs:base64Binary: standard base64");
            case ENUM -> refs.ref(field.getEnumType());
            case MESSAGE -> refs.ref(field.getMessageType());
        };
    }

    private static ObjectNode text(XmlField xml) {
        if (xml.getKind() == XmlFieldKind.XML_FIELD_KIND_ANY) {
            return string("xs:any: one well-formed XML element as text, its namespace declarations included");
        }
        return switch (xml.getType()) {
            case XSD_TYPE_DECIMAL -> stringOr("number", anchored(LexicalForms.DECIMAL), JSON.objectNode(),
                    "xs:decimal: printed as a string keeping every digit, e.g. \"12.50\"; read from such a string or "
                            + "a JSON number, whose exact text is kept (an exponent is spelled out)");
            case XSD_TYPE_INTEGER -> stringOr("integer", anchored(LexicalForms.INTEGER), integerSign(xml),
                    typeName(xml) + ": digits of any length, printed as a string; read from a string or a JSON integer");
            case XSD_TYPE_DATE_TIME -> lexical(LexicalForms.DATE_TIME, "xs:dateTime, e.g. 2024-01-31T13:20:00Z; the "
                    + "time zone is optional and the year may have more digits, so it is not always RFC 3339");
            case XSD_TYPE_DATE -> lexical(LexicalForms.DATE, "xs:date, e.g. 2024-01-31, with an optional time zone");
            case XSD_TYPE_TIME -> lexical(LexicalForms.TIME, "xs:time, e.g. 13:20:00, with an optional time zone");
            case XSD_TYPE_DURATION -> lexical(LexicalForms.DURATION, "xs:duration, e.g. P1DT2H or PT1.5S");
            case XSD_TYPE_QNAME -> lexical(LexicalForms.CLARK, "xs:QName in Clark notation, {namespace}local");
            case XSD_TYPE_G_CALENDAR -> LexicalForms.gCalendarPattern(xml.getXsdTypeName()) == null
                    ? string(typeName(xml) + " in its XSD lexical form")
                    : lexical(LexicalForms.gCalendarPattern(xml.getXsdTypeName()), typeName(xml)
                    + ", e.g. 2024 (gYear), 2024-01 (gYearMonth), --01 (gMonth), --01-31 (gMonthDay) or ---31 (gDay)");
            case XSD_TYPE_LIST, XSD_TYPE_UNION, XSD_TYPE_ANY_SIMPLE_TYPE -> string(
                    typeName(xml) + " in its XSD lexical form, passed as it is");
            default -> JSON.objectNode().put("type", "string");
        };
    }

    /** A string in a lexical form, or a JSON number of the given type (which is read as its exact text). */
    private static ObjectNode stringOr(String numberType, String pattern, ObjectNode numberLimits, String description) {
        ObjectNode schema = JSON.objectNode();
        schema.putArray("type").add("string").add(numberType);
        schema.put("pattern", pattern); // applies to strings only
        schema.setAll(numberLimits); // minimum and maximum apply to numbers only
        return schema.put("description", description);
    }

    private static ObjectNode floating(String type) {
        ObjectNode schema = JSON.objectNode();
        schema.putArray("anyOf").add(JSON.objectNode().put("type", "number"))
                .addObject().put("type", "string").putArray("enum").add("Infinity").add("-Infinity").add("NaN");
        return schema.put("description", type + ": a JSON number, or \"Infinity\", \"-Infinity\" or \"NaN\"");
    }

    private static ObjectNode lexical(Pattern pattern, String description) {
        return string(description).put("pattern", anchored(pattern));
    }

    private static ObjectNode string(String description) {
        return JSON.objectNode().put("type", "string").put("description", description);
    }

    private static ObjectNode range(ObjectNode schema, IntegerRange range) {
        return schema.put("minimum", range.min()).put("maximum", range.max());
    }

    /** The sign xs:integer's unbounded subtypes demand of numbers; strings are checked by the gateway. */
    private static ObjectNode integerSign(XmlField xml) {
        ObjectNode limits = JSON.objectNode();
        String clark = xml.getXsdTypeName();
        return switch (clark.substring(clark.indexOf('}') + 1)) { // by local name, as LexicalForms.integer checks
            case "nonNegativeInteger" -> limits.put("minimum", 0);
            case "positiveInteger" -> limits.put("minimum", 1);
            case "nonPositiveInteger" -> limits.put("maximum", 0);
            case "negativeInteger" -> limits.put("maximum", -1);
            default -> limits;
        };
    }

    private static String typeName(XmlField xml) {
        String clark = xml.getXsdTypeName();
        return clark.startsWith("{http://www.w3.org/2001/XMLSchema}") ? "xs:" + clark.substring(clark.indexOf('}') + 1)
                : clark.isEmpty() ? "the value" : clark;
    }

    /** JSON Schema patterns match anywhere; the gateway matches whole strings. */
    private static String anchored(Pattern pattern) {
        return "^(?:" + pattern.pattern() + ")$";
    }
}

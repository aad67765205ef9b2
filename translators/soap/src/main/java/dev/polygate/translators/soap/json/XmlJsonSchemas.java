package dev.polygate.translators.soap.json;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Descriptors.EnumDescriptor;
import com.google.protobuf.Descriptors.EnumValueDescriptor;
import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.Descriptors.OneofDescriptor;
import dev.polygate.translators.model.openapi.SchemaRefs;
import dev.polygate.translators.model.transcoding.TranscodingOptions;
import dev.polygate.translators.soap.validation.LexicalForms;
import dev.polygate.translators.soap.validation.Occurrences;
import dev.polygate.xml.v1.XmlField;
import dev.polygate.xml.v1.XmlFieldKind;
import dev.polygate.xml.v1.XmlMessage;
import dev.polygate.xml.v1.XmlProto;
import java.util.function.Predicate;

/**
 * JSON Schemas (2020-12) of the JSON {@link XmlJsonCodec} reads and prints, from the same XML options of the
 * compiled descriptors: keys are the JSON names the codec uses (XML names, {@code @name} for a colliding
 * attribute); a nillable element's value may be {@code null} (its wrapper message never shows); enums are their
 * XSD literals; required elements and {@code use="required"} attributes are {@code required}; members of one
 * xs:choice exclude each other; repeated elements are arrays; unknown keys are refused unless the route ignores
 * them. What no schema keyword says (a
 * string of long digits within range, a real calendar date) the descriptions do.
 */
public final class XmlJsonSchemas {
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private final boolean closed;

    public XmlJsonSchemas(TranscodingOptions options) {
        this.closed = !options.ignoreUnknownFields();
    }

    /** The JSON key of a field. */
    public String propertyName(FieldDescriptor field) {
        return field.getJsonName();
    }

    /** An XSD enumeration: its literals, the UNSPECIFIED value proto3 adds having none. */
    public ObjectNode enumSchema(EnumDescriptor type) {
        ObjectNode schema = JSON.objectNode().put("type", "string").put("title", type.getName());
        ArrayNode literals = schema.putArray("enum");
        for (EnumValueDescriptor value : type.getValues()) {
            String literal = XmlFacts.literal(value);
            if (literal != null) {
                literals.add(literal);
            }
        }
        String xsdType = type.getOptions().getExtension(XmlProto.xmlEnum);
        return schema.put("description", (xsdType.isEmpty() ? "An anonymous XSD enumeration"
                : "XSD enumeration " + xsdType)
                + ": one of its literals, exactly as XML carries them");
    }

    /**
     * The object of a message's fields.
     *
     * @param leaveOut fields left out (those a request's path binds); they are not required either
     * @param titled   whether the schema carries its message name and XML origin (components), or not (inline)
     */
    public ObjectNode objectSchema(Descriptor message, Predicate<FieldDescriptor> leaveOut, boolean titled,
                                   SchemaRefs refs) {
        ObjectNode schema = JSON.objectNode().put("type", "object");
        if (titled) {
            schema.put("title", message.getName());
            String origin = origin(message.getOptions().getExtension(XmlProto.xmlMessage));
            if (origin != null) {
                schema.put("description", origin);
            }
        }
        ObjectNode properties = schema.putObject("properties");
        ArrayNode required = JSON.arrayNode();
        for (FieldDescriptor field : message.getFields()) {
            if (leaveOut.test(field)) {
                continue;
            }
            properties.set(field.getJsonName(), fieldSchema(field, refs));
            if (Occurrences.required(field)) {
                required.add(field.getJsonName());
            }
        }
        if (!required.isEmpty()) {
            schema.set("required", required);
        }
        if (closed) {
            schema.put("additionalProperties", false);
        }
        ChoiceSchemas.constrain(schema, message.getRealOneofs().stream()
                .map(oneof -> oneof.getFields().stream().filter(f -> !leaveOut.test(f)).map(FieldDescriptor::getJsonName)
                        .toList()).filter(members -> members.size() > 1).toList());
        return schema;
    }

    /** xs:anyAttribute is an object of strings, a repeated element always an array, anything else its value. */
    public ObjectNode fieldSchema(FieldDescriptor field, SchemaRefs refs) {
        XmlField xml = XmlFacts.xml(field);
        ObjectNode schema;
        if (field.isMapField()) {
            schema = JSON.objectNode().put("type", "object").put("description",
                    "xs:anyAttribute: the attributes by name in Clark notation, {namespace}local");
            schema.putObject("propertyNames").put("pattern", "^(?:" + LexicalForms.CLARK.pattern() + ")$");
            schema.putObject("additionalProperties").put("type", "string");
            return schema;
        }
        if (field.isRepeated()) {
            schema = JSON.objectNode().put("type", "array");
            schema.set("items", valueSchema(field, refs));
            if (Occurrences.required(field)) { // the reader counts the items of a required element only
                schema.put("minItems", xml.getMinOccurs());
            }
            if (xml.getMaxOccurs() > 1) {
                schema.put("maxItems", xml.getMaxOccurs());
            }
            schema.put("description", "Always an array, also of one item; answers always have it, maybe empty");
        } else {
            schema = valueSchema(field, refs);
        }
        if (xml.getKind() == XmlFieldKind.XML_FIELD_KIND_ATTRIBUTE) {
            describe(schema, "XML attribute " + xml.getName());
        }
        OneofDescriptor choice = field.getRealContainingOneof();
        if (choice != null) {
            describe(schema, "Member of an xs:choice: give at most one of "
                    + String.join(", ", choice.getFields().stream().map(FieldDescriptor::getJsonName).toList()));
        }
        return schema;
    }

    /** One value of a field (an item of a repeated one); a nillable element's may also be {@code null}. */
    public ObjectNode valueSchema(FieldDescriptor field, SchemaRefs refs) {
        XmlField xml = XmlFacts.xml(field);
        if (XmlFacts.isNilWrapper(field)) {
            ObjectNode value = XsdScalarSchemas.of(XmlFacts.nilValue(field.getMessageType()), xml, refs);
            return nullable(value);
        }
        return XsdScalarSchemas.of(field, xml, refs);
    }

    /** {@code null} for xsi:nil: a second type where the schema has one, else an alternative. */
    private static ObjectNode nullable(ObjectNode schema) {
        if (schema.path("type").isTextual() && !schema.has("enum")) {
            String type = schema.get("type").asText();
            schema.putArray("type").add(type).add("null");
            return schema;
        }
        if (schema.path("type").isArray()) {
            ((ArrayNode) schema.get("type")).add("null");
            return schema;
        }
        ObjectNode either = JSON.objectNode();
        either.putArray("anyOf").add(schema).addObject().put("type", "null");
        return either.put("description", "Nillable: null stands for xsi:nil=\"true\"");
    }

    private static void describe(ObjectNode schema, String text) {
        String before = schema.path("description").asText("");
        schema.put("description", before.isEmpty() ? text : text + ". " + before);
    }

    private static String origin(XmlMessage xml) {
        String name = xml.getNamespace().isEmpty() ? xml.getName() : "{" + xml.getNamespace() + "}" + xml.getName();
        return switch (xml.getKind()) {
            case XML_MESSAGE_KIND_COMPLEX_TYPE -> xml.getAnonymous() ? "The content of element " + name
                    : "XSD complex type " + name;
            case XML_MESSAGE_KIND_SIMPLE_ELEMENT -> "Element " + name + " of simple type: its text is the value field";
            case XML_MESSAGE_KIND_RPC_PARTS -> "The parts of rpc/literal message " + name;
            case XML_MESSAGE_KIND_GROUP -> "One occurrence of a repeated sequence or choice (or a sequence in a "
                    + "choice): its elements follow each other inline in XML";
            case XML_MESSAGE_KIND_SOAP_HEADERS -> "The SOAP headers the operation declares, one key per header part";
            default -> null;
        };
    }
}

package dev.polygate.translators.soap.schema;

import com.google.protobuf.DescriptorProtos.EnumDescriptorProto;
import com.google.protobuf.DescriptorProtos.EnumOptions;
import com.google.protobuf.DescriptorProtos.EnumValueDescriptorProto;
import com.google.protobuf.DescriptorProtos.EnumValueOptions;
import dev.polygate.xml.v1.XmlProto;
import dev.polygate.xml.v1.XsdType;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import javax.xml.namespace.QName;
import org.apache.ws.commons.schema.XmlSchemaEnumerationFacet;
import org.apache.ws.commons.schema.XmlSchemaFacet;
import org.apache.ws.commons.schema.XmlSchemaSimpleType;
import org.apache.ws.commons.schema.XmlSchemaSimpleTypeContent;
import org.apache.ws.commons.schema.XmlSchemaSimpleTypeList;
import org.apache.ws.commons.schema.XmlSchemaSimpleTypeRestriction;
import org.apache.ws.commons.schema.XmlSchemaSimpleTypeUnion;
import org.apache.ws.commons.schema.XmlSchemaType;

/**
 * Simple types to proto types: built-ins through {@link BuiltinTypes}, restrictions through their base,
 * enumerations to enums (top level for a named type, nested in the using message for an anonymous one),
 * lists and unions to strings kept as received.
 */
final class SimpleTypes {
    private final FileModel model;

    SimpleTypes(FileModel model) {
        this.model = model;
    }

    /** The type named {@code name}, simple or built-in; a complex type here is a schema error. */
    FieldType byName(QName name, MessageScope scope, String context) {
        if (BuiltinTypes.isBuiltin(name)) {
            return BuiltinTypes.of(name);
        }
        XmlSchemaType type = model.type(name);
        if (type instanceof XmlSchemaSimpleType simple) {
            return resolve(simple, scope, context);
        }
        throw new SchemaProblem("type " + name + " is used where a simple type is needed");
    }

    /**
     * @param scope where an anonymous enumeration is nested
     * @param context the element or attribute name, to name an anonymous enumeration
     */
    FieldType resolve(XmlSchemaSimpleType type, MessageScope scope, String context) {
        QName name = type.isAnonymous() ? null : type.getQName();
        if (name != null && BuiltinTypes.isBuiltin(name)) {
            return BuiltinTypes.of(name);
        }
        String xsdTypeName = name == null ? "" : name.toString();
        XmlSchemaSimpleTypeContent content = type.getContent();
        if (content instanceof XmlSchemaSimpleTypeRestriction restriction) {
            List<String> literals = literals(restriction.getFacets());
            if (!literals.isEmpty()) {
                return enumeration(name, literals, scope, context);
            }
            FieldType base = restriction.getBaseType() != null
                    ? resolve(restriction.getBaseType(), scope, context)
                    : byName(restriction.getBaseTypeName(), scope, context);
            return base.typeName() != null ? base
                    : new FieldType(base.type(), null, base.xsd(), xsdTypeName.isEmpty() ? base.xsdTypeName() : xsdTypeName,
                            base.label());
        }
        if (content instanceof XmlSchemaSimpleTypeList) {
            return BuiltinTypes.string(XsdType.XSD_TYPE_LIST, xsdTypeName, "List");
        }
        if (content instanceof XmlSchemaSimpleTypeUnion) {
            return BuiltinTypes.string(XsdType.XSD_TYPE_UNION, xsdTypeName, "Union");
        }
        return BuiltinTypes.string(XsdType.XSD_TYPE_ANY_SIMPLE_TYPE, xsdTypeName, "AnySimpleType");
    }

    private FieldType enumeration(QName name, List<String> literals, MessageScope scope, String context) {
        if (name != null) {
            String known = model.namedEnums.get(name);
            if (known != null) {
                return FieldType.enumeration(known, name.toString());
            }
        }
        String preferred = Identifiers.messageName(name != null ? name.getLocalPart() : context);
        String enumName;
        String fullName;
        if (name != null || scope == null) {
            enumName = model.topNames.claimSymbol(preferred, preferred + "Enum");
            fullName = "." + model.protoPackage + "." + enumName;
        } else {
            enumName = scope.names.claimSymbol(preferred, preferred + "Enum");
            fullName = scope.fullName + "." + enumName;
        }
        String prefix = Identifiers.upperSnake(enumName);
        EnumDescriptorProto.Builder proto = EnumDescriptorProto.newBuilder().setName(enumName);
        if (name != null) {
            proto.setOptions(EnumOptions.newBuilder().setExtension(XmlProto.xmlEnum, name.toString()));
        }
        proto.addValue(EnumValueDescriptorProto.newBuilder().setNumber(0)
                .setName(model.enumValueNames.claimSymbol(prefix + "_UNSPECIFIED", null)));
        int number = 1;
        for (String literal : literals) {
            proto.addValue(EnumValueDescriptorProto.newBuilder().setNumber(number++)
                    .setName(model.enumValueNames.claimSymbol(Identifiers.enumValueName(prefix, literal), null))
                    .setOptions(EnumValueOptions.newBuilder().setExtension(XmlProto.literal, literal)));
        }
        if (name != null || scope == null) {
            model.enums.add(proto.build());
            if (name != null) {
                model.namedEnums.put(name, fullName);
            }
        } else {
            scope.builder.addEnumType(proto.build());
        }
        return FieldType.enumeration(fullName, name == null ? "" : name.toString());
    }

    private static List<String> literals(List<XmlSchemaFacet> facets) {
        Set<String> literals = new LinkedHashSet<>();
        for (XmlSchemaFacet facet : facets) {
            if (facet instanceof XmlSchemaEnumerationFacet) {
                literals.add(String.valueOf(facet.getValue()));
            }
        }
        return new ArrayList<>(literals);
    }
}

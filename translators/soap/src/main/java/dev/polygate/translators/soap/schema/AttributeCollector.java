package dev.polygate.translators.soap.schema;

import dev.polygate.xml.v1.XmlFieldKind;
import dev.polygate.xml.v1.XsdType;
import java.util.List;
import javax.xml.namespace.QName;
import org.apache.ws.commons.schema.XmlSchemaAnyAttribute;
import org.apache.ws.commons.schema.XmlSchemaAttribute;
import org.apache.ws.commons.schema.XmlSchemaAttributeGroup;
import org.apache.ws.commons.schema.XmlSchemaAttributeGroupMember;
import org.apache.ws.commons.schema.XmlSchemaAttributeGroupRef;
import org.apache.ws.commons.schema.XmlSchemaAttributeOrGroupRef;
import org.apache.ws.commons.schema.XmlSchemaUse;

/** Lists a type's attributes (attribute groups expanded) and its attribute wildcard as members. */
final class AttributeCollector {
    private final FileModel model;
    private final MessageScope scope;
    private final SimpleTypes simpleTypes;
    private final List<Member> members;

    AttributeCollector(FileModel model, MessageScope scope, SimpleTypes simpleTypes, List<Member> members) {
        this.model = model;
        this.scope = scope;
        this.simpleTypes = simpleTypes;
        this.members = members;
    }

    void add(List<XmlSchemaAttributeOrGroupRef> attributes, XmlSchemaAnyAttribute wildcard) {
        for (XmlSchemaAttributeOrGroupRef item : attributes) {
            if (item instanceof XmlSchemaAttribute attribute) {
                attribute(attribute);
            } else if (item instanceof XmlSchemaAttributeGroupRef ref) {
                group(ref);
            }
        }
        wildcard(wildcard);
    }

    private void group(XmlSchemaAttributeGroupRef ref) {
        XmlSchemaAttributeGroup group = ref.getRef().getTarget();
        if (group == null) {
            throw new SchemaProblem("attribute group " + ref.getRef().getTargetQName() + " is not defined in the schemas");
        }
        for (XmlSchemaAttributeGroupMember member : group.getAttributes()) {
            if (member instanceof XmlSchemaAttribute attribute) {
                attribute(attribute);
            } else if (member instanceof XmlSchemaAttributeGroupRef nested) {
                group(nested);
            }
        }
        wildcard(group.getAnyAttribute());
    }

    private void attribute(XmlSchemaAttribute attribute) {
        if (attribute.getUse() == XmlSchemaUse.PROHIBITED) {
            return;
        }
        XmlSchemaAttribute target = attribute.isRef() ? attribute.getRef().getTarget() : attribute;
        // Global attributes are qualified; local ones follow form / attributeFormDefault.
        QName wire = attribute.isRef() ? attribute.getRef().getTargetQName()
                : attribute.isTopLevel() ? attribute.getQName() : attribute.getWireName();
        boolean duplicate = members.stream().anyMatch(m -> m.kind() == XmlFieldKind.XML_FIELD_KIND_ATTRIBUTE
                && m.xmlName().equals(wire.getLocalPart()) && m.namespace().equals(wire.getNamespaceURI()));
        if (duplicate) {
            return; // a restriction or a derived type restating an inherited attribute
        }
        FieldType type;
        if (target == null) {
            // xml:lang and friends, imported without a schemaLocation: their lexical form is a string.
            type = BuiltinTypes.string(XsdType.XSD_TYPE_UNSPECIFIED, "", "String");
        } else if (target.getSchemaTypeName() != null) {
            type = simpleTypes.byName(target.getSchemaTypeName(), scope, wire.getLocalPart());
        } else if (target.getSchemaType() != null) {
            type = simpleTypes.resolve(target.getSchemaType(), scope, wire.getLocalPart());
        } else {
            type = BuiltinTypes.string(XsdType.XSD_TYPE_ANY_SIMPLE_TYPE, "", "AnySimpleType");
        }
        long min = attribute.getUse() == XmlSchemaUse.REQUIRED ? 1 : 0;
        members.add(new Member(XmlFieldKind.XML_FIELD_KIND_ATTRIBUTE, wire.getLocalPart(), wire.getNamespaceURI(), type,
                min, 1, false, null, wire.getLocalPart()));
    }

    private void wildcard(XmlSchemaAnyAttribute wildcard) {
        boolean present = members.stream().anyMatch(m -> m.kind() == XmlFieldKind.XML_FIELD_KIND_ANY_ATTRIBUTE);
        if (wildcard != null && !present) {
            members.add(new Member(XmlFieldKind.XML_FIELD_KIND_ANY_ATTRIBUTE, "", "",
                    BuiltinTypes.string(XsdType.XSD_TYPE_UNSPECIFIED, "", "String"), 0, Member.UNBOUNDED, false, null,
                    "anyAttributes"));
        }
    }
}

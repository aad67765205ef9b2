package dev.polygate.translators.soap.schema;

import dev.polygate.xml.v1.XmlFieldKind;
import dev.polygate.xml.v1.XmlMessage;
import dev.polygate.xml.v1.XmlMessageKind;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import javax.xml.namespace.QName;
import org.apache.ws.commons.schema.XmlSchemaAll;
import org.apache.ws.commons.schema.XmlSchemaAny;
import org.apache.ws.commons.schema.XmlSchemaChoice;
import org.apache.ws.commons.schema.XmlSchemaComplexContent;
import org.apache.ws.commons.schema.XmlSchemaComplexContentExtension;
import org.apache.ws.commons.schema.XmlSchemaComplexContentRestriction;
import org.apache.ws.commons.schema.XmlSchemaComplexType;
import org.apache.ws.commons.schema.XmlSchemaElement;
import org.apache.ws.commons.schema.XmlSchemaGroup;
import org.apache.ws.commons.schema.XmlSchemaGroupParticle;
import org.apache.ws.commons.schema.XmlSchemaGroupRef;
import org.apache.ws.commons.schema.XmlSchemaParticle;
import org.apache.ws.commons.schema.XmlSchemaSequence;
import org.apache.ws.commons.schema.XmlSchemaSimpleContent;
import org.apache.ws.commons.schema.XmlSchemaSimpleContentExtension;
import org.apache.ws.commons.schema.XmlSchemaSimpleContentRestriction;
import org.apache.ws.commons.schema.XmlSchemaSimpleType;
import org.apache.ws.commons.schema.XmlSchemaType;

/**
 * Walks a complex type's content in document order (base type first) and lists the fields it needs.
 * Sequences nested in sequences are flattened; a choice becomes a oneof; a model group that repeats, or a
 * sequence inside a choice, becomes a nested GROUP message. Attributes are listed by {@link AttributeCollector}.
 */
final class ContentCollector {
    private final FileModel model;
    private final MessageScope scope;
    private final SimpleTypes simpleTypes;
    final List<Member> members = new ArrayList<>();
    private final Set<QName> basesSeen = new HashSet<>();

    private ContentCollector(FileModel model, MessageScope scope) {
        this.model = model;
        this.scope = scope;
        this.simpleTypes = new SimpleTypes(model);
    }

    static List<Member> ofComplexType(FileModel model, MessageScope scope, XmlSchemaComplexType type) {
        ContentCollector collector = new ContentCollector(model, scope);
        collector.complexType(type);
        return collector.members;
    }

    /** The members of a global element of simple type: its text as one VALUE field named after it. */
    static List<Member> ofSimpleElement(FileModel model, MessageScope scope, XmlSchemaElement element) {
        ContentCollector collector = new ContentCollector(model, scope);
        FieldType type = collector.elementType(element, element.getName());
        collector.members.add(new Member(XmlFieldKind.XML_FIELD_KIND_VALUE, "", "", type, 1, 1, element.isNillable(),
                null, element.getName()));
        return collector.members;
    }

    /** The type of an rpc/literal part declared with type=. */
    static FieldType ofPartType(FileModel model, MessageScope scope, QName typeName, String partName) {
        return new ContentCollector(model, scope).typeByName(typeName, partName);
    }

    /** A member for a global element used as a field (ref=, or an rpc part declared with element=). */
    static Member ofGlobalElement(FileModel model, MessageScope scope, XmlSchemaElement element) {
        ContentCollector collector = new ContentCollector(model, scope);
        collector.element(element, false, null);
        return collector.members.get(0);
    }

    private void complexType(XmlSchemaComplexType type) {
        AttributeCollector attributes = new AttributeCollector(model, scope, simpleTypes, members);
        if (type.getContentModel() instanceof XmlSchemaComplexContent content) {
            if (content.getContent() instanceof XmlSchemaComplexContentExtension extension) {
                base(extension.getBaseTypeName());
                particle(extension.getParticle(), false, null);
                attributes.add(extension.getAttributes(), extension.getAnyAttribute());
            } else if (content.getContent() instanceof XmlSchemaComplexContentRestriction restriction) {
                // A restriction repeats the content it keeps; inherited attributes it does not repeat are not listed.
                particle(restriction.getParticle(), false, null);
                attributes.add(restriction.getAttributes(), restriction.getAnyAttribute());
            }
        } else if (type.getContentModel() instanceof XmlSchemaSimpleContent content) {
            if (content.getContent() instanceof XmlSchemaSimpleContentExtension extension) {
                simpleContentBase(extension.getBaseTypeName());
                attributes.add(extension.getAttributes(), extension.getAnyAttribute());
            } else if (content.getContent() instanceof XmlSchemaSimpleContentRestriction restriction) {
                simpleContentBase(restriction.getBaseTypeName());
                attributes.add(restriction.getAttributes(), restriction.getAnyAttribute());
            }
        } else {
            particle(type.getParticle(), false, null);
            attributes.add(type.getAttributes(), type.getAnyAttribute());
        }
    }

    private void base(QName name) {
        if (name == null || BuiltinTypes.isBuiltin(name)) {
            return; // xs:anyType: nothing inherited
        }
        if (!basesSeen.add(name)) {
            throw new SchemaProblem("type " + name + " derives from itself");
        }
        if (model.type(name) instanceof XmlSchemaComplexType base) {
            complexType(base);
        } else {
            throw new SchemaProblem("complexContent extension of simple type " + name);
        }
    }

    private void simpleContentBase(QName name) {
        XmlSchemaType base = BuiltinTypes.isBuiltin(name) ? null : model.type(name);
        if (base instanceof XmlSchemaComplexType complex) {
            if (!basesSeen.add(name)) {
                throw new SchemaProblem("type " + name + " derives from itself");
            }
            complexType(complex); // its value field and its attributes
            return;
        }
        FieldType value = base == null ? BuiltinTypes.of(name) : simpleTypes.resolve((XmlSchemaSimpleType) base, scope, "value");
        members.add(new Member(XmlFieldKind.XML_FIELD_KIND_VALUE, "", "", value, 1, 1, false, null, "value"));
    }

    private void particle(XmlSchemaParticle particle, boolean optional, Object choice) {
        if (particle instanceof XmlSchemaElement element) {
            element(element, optional, choice);
        } else if (particle instanceof XmlSchemaAny any) {
            members.add(new Member(XmlFieldKind.XML_FIELD_KIND_ANY, "", "", BuiltinTypes.string(
                    dev.polygate.xml.v1.XsdType.XSD_TYPE_UNSPECIFIED, "", "Any"),
                    optional ? 0 : any.getMinOccurs(), any.getMaxOccurs(), false, choice, "any"));
        } else if (particle instanceof XmlSchemaGroupRef ref) {
            XmlSchemaGroup group = model.schemas.getGroupByQName(ref.getRefName());
            if (group == null) {
                throw new SchemaProblem("group " + ref.getRefName() + " is not defined in the schemas");
            }
            group(group.getParticle(), ref.getMinOccurs(), ref.getMaxOccurs(), optional, choice);
        } else if (particle instanceof XmlSchemaGroupParticle group) {
            group(group, group.getMinOccurs(), group.getMaxOccurs(), optional, choice);
        }
    }

    private void group(XmlSchemaGroupParticle group, long min, long max, boolean optional, Object choice) {
        boolean isChoice = group instanceof XmlSchemaChoice;
        if (max > 1 || (!isChoice && choice != null)) {
            groupMember(group, isChoice, optional ? 0 : min, max, choice);
            return;
        }
        boolean itemsOptional = optional || min == 0;
        Object itemsChoice = isChoice ? (choice != null ? choice : new Object()) : null;
        for (XmlSchemaParticle item : items(group)) {
            particle(item, itemsOptional, itemsChoice);
        }
    }

    /** A group that cannot be flattened: a nested message whose fields are written inline, without a wrapper element. */
    private void groupMember(XmlSchemaGroupParticle group, boolean isChoice, long min, long max, Object choice) {
        String label = isChoice ? "choice" : "sequence";
        MessageScope nested = FileModel.nested(scope, Identifiers.messageName(label),
                XmlMessage.newBuilder().setKind(XmlMessageKind.XML_MESSAGE_KIND_GROUP).build());
        ContentCollector inner = new ContentCollector(model, nested);
        inner.group(group, 1, 1, false, null);
        MessageAssembler.assemble(model, nested, inner.members);
        scope.builder.addNestedType(nested.builder.build());
        members.add(new Member(XmlFieldKind.XML_FIELD_KIND_GROUP, "", "", FieldType.message(nested.fullName, ""),
                min, max, false, choice, label));
    }

    private static List<XmlSchemaParticle> items(XmlSchemaGroupParticle group) {
        List<?> raw;
        if (group instanceof XmlSchemaSequence sequence) {
            raw = sequence.getItems();
        } else if (group instanceof XmlSchemaChoice choice) {
            raw = choice.getItems();
        } else if (group instanceof XmlSchemaAll all) {
            raw = all.getItems(); // written in field order, which is one of the orders xs:all allows
        } else {
            raw = List.of();
        }
        List<XmlSchemaParticle> items = new ArrayList<>();
        raw.stream().filter(XmlSchemaParticle.class::isInstance).forEach(item -> items.add((XmlSchemaParticle) item));
        return items;
    }

    private void element(XmlSchemaElement element, boolean optional, Object choice) {
        XmlSchemaElement target = element.isRef() ? element.getRef().getTarget() : element;
        if (target == null) {
            throw new SchemaProblem("element " + element.getRef().getTargetQName() + " is not defined in the schemas");
        }
        // Global elements are always qualified; local ones follow form / elementFormDefault.
        QName wire = element.isRef() || element.isTopLevel() ? target.getQName() : element.getWireName();
        FieldType type = elementType(target, wire.getLocalPart());
        members.add(new Member(XmlFieldKind.XML_FIELD_KIND_ELEMENT, wire.getLocalPart(), wire.getNamespaceURI(), type,
                optional ? 0 : element.getMinOccurs(), element.getMaxOccurs(), target.isNillable(), choice,
                wire.getLocalPart()));
    }

    FieldType elementType(XmlSchemaElement element, String name) {
        QName typeName = element.getSchemaTypeName();
        if (typeName != null) {
            return typeByName(typeName, name);
        }
        XmlSchemaType type = element.getSchemaType();
        if (type == null) {
            return BuiltinTypes.of(new QName(javax.xml.XMLConstants.W3C_XML_SCHEMA_NS_URI, "anyType"));
        }
        if (type instanceof XmlSchemaComplexType complex) {
            return anonymous(complex, element);
        }
        return simpleTypes.resolve((XmlSchemaSimpleType) type, scope, name);
    }

    private FieldType typeByName(QName typeName, String context) {
        if (!BuiltinTypes.isBuiltin(typeName) && model.type(typeName) instanceof XmlSchemaComplexType complex) {
            return FieldType.message(model.complexTypeMessage(complex), typeName.toString());
        }
        return simpleTypes.byName(typeName, scope, context);
    }

    private FieldType anonymous(XmlSchemaComplexType type, XmlSchemaElement element) {
        QName name = element.getQName() != null ? element.getQName() : element.getWireName();
        MessageScope nested = FileModel.nested(scope, Identifiers.messageName(name.getLocalPart()), XmlMessage.newBuilder()
                .setName(name.getLocalPart()).setNamespace(element.getWireName().getNamespaceURI())
                .setKind(XmlMessageKind.XML_MESSAGE_KIND_COMPLEX_TYPE).setAnonymous(true).build());
        MessageAssembler.assemble(model, nested, ofComplexType(model, nested, type));
        scope.builder.addNestedType(nested.builder.build());
        return FieldType.message(nested.fullName, "");
    }
}

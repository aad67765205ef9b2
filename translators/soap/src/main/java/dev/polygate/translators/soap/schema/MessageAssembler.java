package dev.polygate.translators.soap.schema;

import com.google.protobuf.DescriptorProtos.DescriptorProto;
import com.google.protobuf.DescriptorProtos.FieldDescriptorProto;
import com.google.protobuf.DescriptorProtos.FieldDescriptorProto.Label;
import com.google.protobuf.DescriptorProtos.FieldDescriptorProto.Type;
import com.google.protobuf.DescriptorProtos.FieldOptions;
import com.google.protobuf.DescriptorProtos.MessageOptions;
import com.google.protobuf.DescriptorProtos.OneofDescriptorProto;
import com.google.protobuf.DescriptorProtos.OneofOptions;
import dev.polygate.xml.v1.XmlField;
import dev.polygate.xml.v1.XmlFieldKind;
import dev.polygate.xml.v1.XmlProto;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns collected members into the fields of a message: names (elements first, so only attributes ever get
 * a prefix), numbers in document order, oneofs for choices, proto3 optional for minOccurs=0 scalars, nil
 * wrappers for nillable elements.
 */
final class MessageAssembler {
    private MessageAssembler() {
    }

    static void assemble(FileModel model, MessageScope scope, List<Member> collected) {
        List<Member> members = breakRepeatedChoices(collected);
        String[] fieldNames = new String[members.size()];
        String[] jsonNames = new String[members.size()];
        for (XmlFieldKind pass : new XmlFieldKind[] {XmlFieldKind.XML_FIELD_KIND_ELEMENT, XmlFieldKind.XML_FIELD_KIND_VALUE,
                XmlFieldKind.XML_FIELD_KIND_ATTRIBUTE, XmlFieldKind.XML_FIELD_KIND_ANY_ATTRIBUTE}) {
            for (int i = 0; i < members.size(); i++) {
                Member member = members.get(i);
                if (pass(member.kind()) == pass) {
                    name(scope.names, member, i, fieldNames, jsonNames);
                }
            }
        }
        Map<Object, Integer> oneofs = new IdentityHashMap<>();
        for (Member member : members) {
            if (member.choice() != null && !oneofs.containsKey(member.choice())) {
                oneofs.put(member.choice(), scope.builder.getOneofDeclCount());
                scope.builder.addOneofDecl(OneofDescriptorProto.newBuilder().setName(scope.names.claimSymbol("choice", null))
                        .setOptions(OneofOptions.newBuilder().setExtension(XmlProto.xmlOneof, "choice")));
            }
        }
        List<FieldDescriptorProto.Builder> fields = new ArrayList<>();
        List<FieldDescriptorProto.Builder> optionals = new ArrayList<>();
        for (int i = 0; i < members.size(); i++) {
            Member member = members.get(i);
            FieldDescriptorProto.Builder field = field(model, scope, member, fieldNames[i], jsonNames[i], i + 1);
            if (member.choice() != null) {
                field.setOneofIndex(oneofs.get(member.choice()));
            } else if (!member.repeated() && member.minOccurs() == 0 && field.getType() != Type.TYPE_MESSAGE) {
                optionals.add(field.setProto3Optional(true));
            }
            fields.add(field);
        }
        // protoc's rule for the synthetic oneof of a proto3 optional field, so a re-parsed .proto matches.
        for (FieldDescriptorProto.Builder field : optionals) {
            String name = "_" + field.getName();
            while (scope.names.taken(name)) {
                name = "X" + name;
            }
            scope.names.reserveSymbol(name);
            field.setOneofIndex(scope.builder.getOneofDeclCount());
            scope.builder.addOneofDecl(OneofDescriptorProto.newBuilder().setName(name));
        }
        fields.forEach(scope.builder::addField);
    }

    private static XmlFieldKind pass(XmlFieldKind kind) {
        return switch (kind) {
            case XML_FIELD_KIND_ANY, XML_FIELD_KIND_GROUP -> XmlFieldKind.XML_FIELD_KIND_ELEMENT;
            default -> kind;
        };
    }

    private static void name(NameScope names, Member member, int i, String[] fieldNames, String[] jsonNames) {
        String hint = member.jsonHint();
        if (member.kind() == XmlFieldKind.XML_FIELD_KIND_ATTRIBUTE) {
            fieldNames[i] = names.claimField(Identifiers.fieldName(hint), Identifiers.fieldName(hint) + "_attr");
            jsonNames[i] = names.claimJson(hint, "@" + hint);
        } else {
            fieldNames[i] = names.claimField(Identifiers.fieldName(hint), null);
            jsonNames[i] = names.claimJson(hint, null);
        }
    }

    /** A oneof member cannot be repeated: such a choice keeps its members as plain optional fields. */
    private static List<Member> breakRepeatedChoices(List<Member> members) {
        Map<Object, Boolean> broken = new IdentityHashMap<>();
        for (Member member : members) {
            if (member.choice() != null && member.repeated()) {
                broken.put(member.choice(), true);
            }
        }
        if (broken.isEmpty()) {
            return members;
        }
        List<Member> result = new ArrayList<>();
        for (Member member : members) {
            result.add(member.choice() != null && broken.containsKey(member.choice()) ? member.outsideChoice() : member);
        }
        return result;
    }

    private static FieldDescriptorProto.Builder field(FileModel model, MessageScope scope, Member member, String name,
            String json, int number) {
        FieldType type = member.nillable() ? model.nilWrapper(member.type()) : member.type();
        XmlField.Builder xml = XmlField.newBuilder().setName(member.xmlName()).setNamespace(member.namespace())
                .setKind(member.kind()).setNillable(member.nillable()).setType(member.type().xsd())
                .setMinOccurs((int) Math.min(member.minOccurs(), Integer.MAX_VALUE))
                .setMaxOccurs(member.maxOccurs() == Member.UNBOUNDED ? 0 : (int) Math.min(member.maxOccurs(), Integer.MAX_VALUE))
                .setXsdTypeName(member.type().xsdTypeName());
        if (!member.namespace().isEmpty()) {
            model.namespaces.add(member.namespace());
        }
        FieldDescriptorProto.Builder field = FieldDescriptorProto.newBuilder().setName(name).setNumber(number)
                .setJsonName(json).setLabel(member.repeated() ? Label.LABEL_REPEATED : Label.LABEL_OPTIONAL)
                .setType(type.type())
                .setOptions(FieldOptions.newBuilder().setExtension(XmlProto.xmlField, xml.build()));
        if (type.typeName() != null) {
            field.setTypeName(type.typeName());
        }
        if (member.kind() == XmlFieldKind.XML_FIELD_KIND_ANY_ATTRIBUTE) {
            String entry = Identifiers.mapEntryName(name);
            scope.names.reserveSymbol(entry);
            scope.builder.addNestedType(DescriptorProto.newBuilder().setName(entry)
                    .setOptions(MessageOptions.newBuilder().setMapEntry(true))
                    .addField(FieldDescriptorProto.newBuilder().setName("key").setNumber(1).setJsonName("key")
                            .setLabel(Label.LABEL_OPTIONAL).setType(Type.TYPE_STRING))
                    .addField(FieldDescriptorProto.newBuilder().setName("value").setNumber(2).setJsonName("value")
                            .setLabel(Label.LABEL_OPTIONAL).setType(Type.TYPE_STRING)));
            field.setType(Type.TYPE_MESSAGE).setTypeName(scope.fullName + "." + entry);
        }
        return field;
    }
}

package dev.polygate.translators.soap.schema;

import com.google.protobuf.DescriptorProtos.DescriptorProto;
import com.google.protobuf.DescriptorProtos.EnumDescriptorProto;
import com.google.protobuf.DescriptorProtos.FieldDescriptorProto;
import com.google.protobuf.DescriptorProtos.FieldOptions;
import com.google.protobuf.DescriptorProtos.MessageOptions;
import com.google.protobuf.DescriptorProtos.OneofDescriptorProto;
import dev.polygate.xml.v1.XmlField;
import dev.polygate.xml.v1.XmlFieldKind;
import dev.polygate.xml.v1.XmlMessage;
import dev.polygate.xml.v1.XmlMessageKind;
import dev.polygate.xml.v1.XmlProto;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.xml.namespace.QName;
import org.apache.ws.commons.schema.XmlSchemaCollection;
import org.apache.ws.commons.schema.XmlSchemaComplexType;
import org.apache.ws.commons.schema.XmlSchemaType;

/**
 * The file being generated: its top-level messages and enums, which named XSD type became which message,
 * and the named types still to compile. Named types are compiled from a queue, not recursively, so a type
 * that contains itself (directly or not) only needs its name, which exists before its fields do.
 */
final class FileModel {
    final XmlSchemaCollection schemas;
    final String protoPackage;
    final NameScope topNames = new NameScope();
    /** Enum value names share their enum's enclosing scope in proto; one set for all keeps them apart. */
    final NameScope enumValueNames = new NameScope();
    final Set<String> namespaces = new LinkedHashSet<>();
    final List<DescriptorProto.Builder> messages = new ArrayList<>();
    final List<EnumDescriptorProto> enums = new ArrayList<>();
    final Map<QName, String> namedEnums = new HashMap<>();
    private final Map<QName, String> typeMessages = new HashMap<>();
    private final Map<String, FieldType> nilWrappers = new HashMap<>();
    private final Deque<Runnable> pending = new ArrayDeque<>();
    private boolean usesNullValue;

    FileModel(XmlSchemaCollection schemas, String protoPackage) {
        this.schemas = schemas;
        this.protoPackage = protoPackage;
    }

    /** A new top-level message, named from the first free of preferred, alternate, preferred2, ... */
    MessageScope topLevel(String preferred, String alternate, XmlMessage xml) {
        String name = topNames.claimSymbol(preferred, alternate);
        DescriptorProto.Builder builder = DescriptorProto.newBuilder().setName(name)
                .setOptions(MessageOptions.newBuilder().setExtension(XmlProto.xmlMessage, xml));
        messages.add(builder);
        if (!xml.getNamespace().isEmpty()) {
            namespaces.add(xml.getNamespace());
        }
        return new MessageScope(builder, "." + protoPackage + "." + name);
    }

    /** A message nested in {@code parent}; the caller adds it to the parent once it is complete. */
    static MessageScope nested(MessageScope parent, String preferred, XmlMessage xml) {
        String name = parent.names.claimSymbol(preferred, null);
        DescriptorProto.Builder builder = DescriptorProto.newBuilder().setName(name)
                .setOptions(MessageOptions.newBuilder().setExtension(XmlProto.xmlMessage, xml));
        return new MessageScope(builder, parent.fullName + "." + name);
    }

    /** The message of a named complex type, queued for compilation the first time it is asked for. */
    String complexTypeMessage(XmlSchemaComplexType type) {
        QName name = type.getQName();
        String known = typeMessages.get(name);
        if (known != null) {
            return known;
        }
        String preferred = Identifiers.messageName(name.getLocalPart());
        MessageScope scope = topLevel(preferred, preferred + "Type", XmlMessage.newBuilder()
                .setName(name.getLocalPart()).setNamespace(name.getNamespaceURI())
                .setKind(XmlMessageKind.XML_MESSAGE_KIND_COMPLEX_TYPE).build());
        typeMessages.put(name, scope.fullName);
        pending.add(() -> MessageAssembler.assemble(this, scope, ContentCollector.ofComplexType(this, scope, type)));
        return scope.fullName;
    }

    /** The top-level message of that full name ({@code .package.Name}). */
    DescriptorProto.Builder topLevelMessage(String fullName) {
        for (DescriptorProto.Builder message : messages) {
            if (fullName.equals("." + protoPackage + "." + message.getName())) {
                return message;
            }
        }
        throw new IllegalStateException("no top-level message " + fullName);
    }

    void later(Runnable work) {
        pending.add(work);
    }

    void drain() {
        while (!pending.isEmpty()) {
            pending.poll().run();
        }
    }

    XmlSchemaType type(QName name) {
        XmlSchemaType type = schemas.getTypeByQName(name);
        if (type == null) {
            throw new SchemaProblem("type " + name + " is not defined in the schemas");
        }
        return type;
    }

    /** The NIL_WRAPPER message for values of {@code value}'s type: a oneof of the value and a NullValue. */
    FieldType nilWrapper(FieldType value) {
        String key = value.type() + "|" + value.typeName() + "|" + value.xsd() + "|" + value.label();
        FieldType known = nilWrappers.get(key);
        if (known != null) {
            return known;
        }
        usesNullValue = true;
        MessageScope scope = topLevel("Nil" + value.label(), null, XmlMessage.newBuilder()
                .setKind(XmlMessageKind.XML_MESSAGE_KIND_NIL_WRAPPER).build());
        FieldDescriptorProto.Builder valueField = FieldDescriptorProto.newBuilder().setName("value").setNumber(1)
                .setJsonName("value").setLabel(FieldDescriptorProto.Label.LABEL_OPTIONAL).setType(value.type())
                .setOneofIndex(0).setOptions(FieldOptions.newBuilder().setExtension(XmlProto.xmlField, XmlField.newBuilder()
                        .setKind(XmlFieldKind.XML_FIELD_KIND_VALUE).setType(value.xsd()).build()));
        if (value.typeName() != null) {
            valueField.setTypeName(value.typeName());
        }
        scope.builder.addField(valueField)
                .addField(FieldDescriptorProto.newBuilder().setName("nil").setNumber(2).setJsonName("nil")
                        .setLabel(FieldDescriptorProto.Label.LABEL_OPTIONAL).setType(FieldDescriptorProto.Type.TYPE_ENUM)
                        .setTypeName(".google.protobuf.NullValue").setOneofIndex(0))
                .addOneofDecl(OneofDescriptorProto.newBuilder().setName("kind"));
        FieldType wrapper = FieldType.message(scope.fullName, value.xsdTypeName());
        nilWrappers.put(key, wrapper);
        return wrapper;
    }

    boolean usesNullValue() {
        return usesNullValue;
    }
}

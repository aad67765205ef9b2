package dev.polygate.translators.soap.schema;

import com.google.protobuf.DescriptorProtos.FileDescriptorProto;
import com.google.protobuf.DescriptorProtos.FileOptions;
import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Descriptors.DescriptorValidationException;
import com.google.protobuf.Descriptors.FileDescriptor;
import com.google.protobuf.StructProto;
import dev.polygate.spi.ConfigException;
import dev.polygate.xml.v1.XmlFile;
import dev.polygate.xml.v1.XmlMessage;
import dev.polygate.xml.v1.XmlMessageKind;
import dev.polygate.xml.v1.XmlProto;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.xml.namespace.QName;
import org.apache.ws.commons.schema.XmlSchemaCollection;
import org.apache.ws.commons.schema.XmlSchemaComplexType;
import org.apache.ws.commons.schema.XmlSchemaElement;
import org.apache.ws.commons.schema.XmlSchemaType;

/**
 * Compiles the XSD types an API uses into one proto3 file whose messages carry their XML names, namespaces
 * and kinds as {@code polygate.xml.v1} options. The mapping is described in the package documentation.
 */
public final class SchemaCompiler {
    private SchemaCompiler() {
    }

    /**
     * @param schemas the WSDL's types (imports and includes already resolved)
     * @throws ConfigException when a requested element or a type it uses is missing or cannot be mapped
     */
    public static CompiledSchema compile(XmlSchemaCollection schemas, SchemaRequest request) throws ConfigException {
        FileModel model = new FileModel(schemas, request.protoPackage());
        Map<QName, String> elementMessages = new LinkedHashMap<>();
        Map<QName, String> rpcMessages = new LinkedHashMap<>();
        Map<String, HeaderedMessages> headeredMessages = new LinkedHashMap<>();
        try {
            for (QName name : request.elements()) {
                if (!elementMessages.containsKey(name)) {
                    elementMessages.put(name, elementMessage(model, name));
                }
            }
            for (SchemaRequest.RpcMessage rpc : request.rpcMessages()) {
                if (!rpcMessages.containsKey(rpc.name())) {
                    rpcMessages.put(rpc.name(), rpcMessage(model, rpc));
                }
            }
            for (SchemaRequest.HeaderedMessage headered : request.headeredMessages()) {
                headeredMessages.putIfAbsent(headered.name(), HeaderedMessages.declare(model, headered));
            }
            model.drain();
            for (HeaderedMessages headered : headeredMessages.values()) {
                SchemaRequest.HeaderedMessage wanted = headered.request();
                String body = wanted.rpcBody() ? rpcMessages.get(wanted.body()) : elementMessages.get(wanted.body());
                if (body == null) {
                    throw new SchemaProblem("the body of " + wanted.name() + " was not requested");
                }
                headered.complete(body);
            }
        } catch (SchemaProblem e) {
            throw new ConfigException("", e.getMessage());
        }
        FileDescriptorProto proto = fileProto(model, request.fileName());
        FileDescriptor file;
        try {
            List<FileDescriptor> dependencies = new ArrayList<>(List.of(XmlProto.getDescriptor()));
            if (model.usesNullValue()) {
                dependencies.add(StructProto.getDescriptor());
            }
            file = FileDescriptor.buildFrom(proto, dependencies.toArray(FileDescriptor[]::new));
        } catch (DescriptorValidationException e) {
            // A mapping bug, not a user error; the message names the descriptor at fault.
            throw new IllegalStateException("generated descriptor is invalid: " + e.getMessage(), e);
        }
        Map<String, String> headered = new LinkedHashMap<>();
        headeredMessages.forEach((name, messages) -> headered.put(name, messages.fullName()));
        return new CompiledSchema(file, lookUp(file, elementMessages), lookUp(file, rpcMessages), lookUp(file, headered));
    }

    private static String elementMessage(FileModel model, QName name) {
        XmlSchemaElement element = model.schemas.getElementByQName(name);
        if (element == null) {
            throw new SchemaProblem("element " + name + " is not defined in the schemas");
        }
        QName typeName = element.getSchemaTypeName();
        XmlSchemaType type = typeName != null && !BuiltinTypes.isBuiltin(typeName) ? model.type(typeName) : element.getSchemaType();
        if (type instanceof XmlSchemaComplexType complex && !complex.isAnonymous()) {
            return model.complexTypeMessage(complex);
        }
        String preferred = Identifiers.messageName(name.getLocalPart());
        if (type instanceof XmlSchemaComplexType complex) {
            MessageScope scope = model.topLevel(preferred, null, xmlMessage(name, XmlMessageKind.XML_MESSAGE_KIND_COMPLEX_TYPE)
                    .setAnonymous(true).build());
            model.later(() -> MessageAssembler.assemble(model, scope, ContentCollector.ofComplexType(model, scope, complex)));
            return scope.fullName;
        }
        MessageScope scope = model.topLevel(preferred, null, xmlMessage(name, XmlMessageKind.XML_MESSAGE_KIND_SIMPLE_ELEMENT).build());
        model.later(() -> MessageAssembler.assemble(model, scope, ContentCollector.ofSimpleElement(model, scope, element)));
        return scope.fullName;
    }

    private static String rpcMessage(FileModel model, SchemaRequest.RpcMessage rpc) {
        MessageScope scope = model.topLevel(Identifiers.messageName(rpc.name().getLocalPart()), null,
                xmlMessage(rpc.name(), XmlMessageKind.XML_MESSAGE_KIND_RPC_PARTS).build());
        model.later(() -> MessageAssembler.assemble(model, scope, partMembers(model, scope, rpc.parts())));
        return scope.fullName;
    }

    /** One member per part: a part with a type is an unqualified element named after it (rpc/literal). */
    static List<Member> partMembers(FileModel model, MessageScope scope, List<SchemaRequest.RpcPart> parts) {
        List<Member> members = new ArrayList<>();
        for (SchemaRequest.RpcPart part : parts) {
            if (part.type() != null) {
                FieldType type = ContentCollector.ofPartType(model, scope, part.type(), part.name());
                members.add(new Member(dev.polygate.xml.v1.XmlFieldKind.XML_FIELD_KIND_ELEMENT, part.name(), "", type,
                        1, 1, false, null, part.name()));
            } else {
                XmlSchemaElement element = model.schemas.getElementByQName(part.element());
                if (element == null) {
                    throw new SchemaProblem("element " + part.element() + " of part " + part.name() + " is not defined");
                }
                members.add(ContentCollector.ofGlobalElement(model, scope, element));
            }
        }
        return members;
    }

    private static XmlMessage.Builder xmlMessage(QName name, XmlMessageKind kind) {
        return XmlMessage.newBuilder().setName(name.getLocalPart()).setNamespace(name.getNamespaceURI()).setKind(kind);
    }

    private static FileDescriptorProto fileProto(FileModel model, String fileName) {
        FileDescriptorProto.Builder file = FileDescriptorProto.newBuilder().setName(fileName)
                .setPackage(model.protoPackage).setSyntax("proto3")
                .addDependency(XmlProto.getDescriptor().getName());
        if (model.usesNullValue()) {
            file.addDependency(StructProto.getDescriptor().getName());
        }
        file.setOptions(FileOptions.newBuilder().setExtension(XmlProto.xmlFile,
                XmlFile.newBuilder().addAllTargetNamespaces(model.namespaces).build()));
        model.enums.forEach(file::addEnumType);
        model.messages.forEach(message -> file.addMessageType(message.build()));
        return file.build();
    }

    private static <K> Map<K, Descriptor> lookUp(FileDescriptor file, Map<K, String> fullNames) {
        Map<K, Descriptor> found = new HashMap<>();
        String prefix = "." + file.getPackage() + ".";
        fullNames.forEach((name, fullName) -> found.put(name, file.findMessageTypeByName(fullName.substring(prefix.length()))));
        return found;
    }
}

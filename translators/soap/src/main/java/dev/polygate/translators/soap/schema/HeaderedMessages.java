package dev.polygate.translators.soap.schema;

import com.google.protobuf.DescriptorProtos.DescriptorProto;
import com.google.protobuf.DescriptorProtos.FieldDescriptorProto;
import com.google.protobuf.DescriptorProtos.FieldOptions;
import com.google.protobuf.DescriptorProtos.OneofDescriptorProto;
import dev.polygate.xml.v1.XmlMessage;
import dev.polygate.xml.v1.XmlMessageKind;
import dev.polygate.xml.v1.XmlProto;

/**
 * The two messages of a request or response that carries SOAP headers ({@link SchemaRequest.HeaderedMessage}):
 * <ul>
 * <li>its headers, kind SOAP_HEADERS: one field per header part, compiled like an rpc part list but optional,
 *     since a client may send any of them or none;</li>
 * <li>the message the operation exchanges: a copy of the body's message (fields, oneofs and options; its nested
 *     types stay where they are, referred to by full name, except map entries, which protobuf wants beside their
 *     field) plus one field holding the headers, marked {@code soap_headers}, numbered after the body's fields.</li>
 * </ul>
 * Both names are claimed when the request is read, so they never clash with a schema type (a taken name gets a
 * {@code Message} suffix); the copy is made once every message of the file is complete.
 */
final class HeaderedMessages {
    private static final String JSON_NAME = "header";
    private static final String JSON_NAME_TAKEN = "soapHeader";

    private final SchemaRequest.HeaderedMessage request;
    private final FileModel model;
    private final MessageScope message;
    private final MessageScope headers;

    private HeaderedMessages(SchemaRequest.HeaderedMessage request, FileModel model, MessageScope message,
                             MessageScope headers) {
        this.request = request;
        this.model = model;
        this.message = message;
        this.headers = headers;
    }

    /** Claims both names and queues the headers' message for compilation. */
    static HeaderedMessages declare(FileModel model, SchemaRequest.HeaderedMessage request) {
        String name = Identifiers.messageName(request.name());
        // doc/literal wrapped answers are elements named <operation>Response, so that name is often taken
        MessageScope message = model.topLevel(name, name + "Message", XmlMessage.getDefaultInstance());
        MessageScope headers = model.topLevel(name + "Header", null,
                XmlMessage.newBuilder().setKind(XmlMessageKind.XML_MESSAGE_KIND_SOAP_HEADERS).build());
        model.later(() -> MessageAssembler.assemble(model, headers,
                SchemaCompiler.partMembers(model, headers, request.headers()).stream().map(Member::optional).toList()));
        return new HeaderedMessages(request, model, message, headers);
    }

    SchemaRequest.HeaderedMessage request() {
        return request;
    }

    String fullName() {
        return message.fullName;
    }

    /** Makes the message from the body's, which must be complete. */
    void complete(String bodyFullName) {
        DescriptorProto body = model.topLevelMessage(bodyFullName).build();
        DescriptorProto.Builder copy = body.toBuilder().setName(message.builder.getName())
                .clearNestedType().clearEnumType().clearExtension().clearExtensionRange();
        for (DescriptorProto nested : body.getNestedTypeList()) {
            if (nested.getOptions().getMapEntry()) {
                copy.addNestedType(nested);
            }
        }
        NameScope names = new NameScope();
        copy.getNestedTypeList().forEach(nested -> names.reserveSymbol(nested.getName()));
        copy.getOneofDeclList().stream().map(OneofDescriptorProto::getName).forEach(names::reserveSymbol);
        int number = 0;
        for (FieldDescriptorProto.Builder field : copy.getFieldBuilderList()) {
            names.claimField(field.getName(), null);
            names.claimJson(field.getJsonName(), null);
            number = Math.max(number, field.getNumber());
            String nested = field.getTypeName().startsWith(bodyFullName + ".")
                    ? field.getTypeName().substring(bodyFullName.length() + 1) : null;
            if (nested != null && copy.getNestedTypeList().stream().anyMatch(n -> n.getName().equals(nested))) {
                field.setTypeName(message.fullName + "." + nested);
            }
        }
        String json = names.claimJson(JSON_NAME, JSON_NAME_TAKEN);
        String fieldName = names.claimField(Identifiers.fieldName(json), null);
        copy.addField(FieldDescriptorProto.newBuilder().setName(fieldName).setJsonName(json).setNumber(number + 1)
                .setLabel(FieldDescriptorProto.Label.LABEL_OPTIONAL).setType(FieldDescriptorProto.Type.TYPE_MESSAGE)
                .setTypeName(headers.fullName)
                .setOptions(FieldOptions.newBuilder().setExtension(XmlProto.soapHeaders, true)));
        message.builder.clear().mergeFrom(copy.build());
    }
}

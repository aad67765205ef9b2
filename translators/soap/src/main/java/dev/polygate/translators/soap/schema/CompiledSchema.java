package dev.polygate.translators.soap.schema;

import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Descriptors.FileDescriptor;
import com.google.protobuf.util.JsonFormat;
import java.util.Map;
import java.util.Optional;
import javax.xml.namespace.QName;

/**
 * The descriptors an XSD was compiled into, and their .proto source (protoc-compilable, to be served to
 * clients). The messages carry their XML names as {@code polygate.xml.v1} options.
 */
public final class CompiledSchema {
    private final FileDescriptor file;
    private final Map<QName, Descriptor> elements;
    private final Map<QName, Descriptor> rpcMessages;
    private final Map<String, Descriptor> headeredMessages;

    CompiledSchema(FileDescriptor file, Map<QName, Descriptor> elements, Map<QName, Descriptor> rpcMessages,
                   Map<String, Descriptor> headeredMessages) {
        this.file = file;
        this.elements = Map.copyOf(elements);
        this.rpcMessages = Map.copyOf(rpcMessages);
        this.headeredMessages = Map.copyOf(headeredMessages);
    }

    /** The generated file; its dependencies are polygate/xml/v1/xml.proto and, for nil, google/protobuf/struct.proto. */
    public FileDescriptor file() {
        return file;
    }

    /** The file as .proto source text, printed as every API document of the gateway is. */
    public String protoSource() {
        return dev.polygate.translators.model.protosource.ProtoSourcePrinter.print(file);
    }

    /**
     * The message holding the content of a requested global element. Elements of the same named complex type
     * share that type's message; the element's own name is then not in the message's options.
     */
    public Optional<Descriptor> messageForElement(QName element) {
        return Optional.ofNullable(elements.get(element));
    }

    /** The message of a requested rpc/literal part list, by the {@link SchemaRequest.RpcMessage#name()}. */
    public Optional<Descriptor> messageForRpc(QName name) {
        return Optional.ofNullable(rpcMessages.get(name));
    }

    /** The message of a requested request or response with SOAP headers, by {@link SchemaRequest.HeaderedMessage#name()}. */
    public Optional<Descriptor> messageWithHeaders(String name) {
        return Optional.ofNullable(headeredMessages.get(name));
    }

    /** A registry with every message of the file, for {@link JsonFormat} printers and parsers. */
    public JsonFormat.TypeRegistry typeRegistry() {
        JsonFormat.TypeRegistry.Builder registry = JsonFormat.TypeRegistry.newBuilder();
        file.getMessageTypes().forEach(registry::add);
        return registry.build();
    }
}

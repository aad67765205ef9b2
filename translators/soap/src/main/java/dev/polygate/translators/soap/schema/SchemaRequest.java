package dev.polygate.translators.soap.schema;

import java.util.List;
import java.util.Objects;
import javax.xml.namespace.QName;

/**
 * What to compile: the global elements document/literal operations send and receive, the part lists of
 * rpc/literal operations, and the requests and responses that carry SOAP headers, into one proto file.
 *
 * @param protoPackage the proto package of the generated file, e.g. {@code polygate.soap.calculator}
 * @param fileName the generated file's name, e.g. {@code polygate/soap/calculator.proto}
 * @param elements global elements, each becoming (or sharing) a message
 * @param rpcMessages rpc/literal requests and responses, each becoming a message of its parts
 * @param headeredMessages requests and responses with declared SOAP headers, each becoming a message of its own
 */
public record SchemaRequest(String protoPackage, String fileName, List<QName> elements, List<RpcMessage> rpcMessages,
                            List<HeaderedMessage> headeredMessages) {
    public SchemaRequest {
        Objects.requireNonNull(protoPackage, "protoPackage");
        Objects.requireNonNull(fileName, "fileName");
        elements = List.copyOf(elements);
        rpcMessages = List.copyOf(rpcMessages);
        headeredMessages = List.copyOf(headeredMessages);
    }

    /** A request without SOAP headers. */
    public SchemaRequest(String protoPackage, String fileName, List<QName> elements, List<RpcMessage> rpcMessages) {
        this(protoPackage, fileName, elements, rpcMessages, List.of());
    }

    /**
     * The body of an rpc/literal request or response: an element named {@code name} (the operation, or
     * operation + "Response", in the soap:body namespace) whose children are the parts, unqualified.
     */
    public record RpcMessage(QName name, List<RpcPart> parts) {
        public RpcMessage {
            Objects.requireNonNull(name, "name");
            parts = List.copyOf(parts);
        }
    }

    /**
     * One part: {@code type} names its XSD type (the usual rpc/literal form); a part declared with
     * {@code element=} instead has a null type and is written as that global element.
     */
    public record RpcPart(String name, QName type, QName element) {
        public RpcPart {
            Objects.requireNonNull(name, "name");
            if ((type == null) == (element == null)) {
                throw new IllegalArgumentException("part " + name + " needs exactly one of type and element");
            }
        }

        public static RpcPart ofType(String name, QName type) {
            return new RpcPart(name, type, null);
        }
    }

    /**
     * A request or response that carries SOAP headers besides its body. It becomes a message of its own, named
     * {@code name}: the fields of the body's message, and one more, JSON key {@code header} ({@code soapHeader}
     * when the body has a field of that name), whose message has one optional field per header part.
     *
     * @param body    the body: one of {@link #elements}, or the name of one of {@link #rpcMessages} when
     *                {@code rpcBody}
     * @param headers the header parts, in the order the binding declares them
     */
    public record HeaderedMessage(String name, QName body, boolean rpcBody, List<RpcPart> headers) {
        public HeaderedMessage {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(body, "body");
            headers = List.copyOf(headers);
        }
    }
}

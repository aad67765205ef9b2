package dev.polygate.translators.soap.wsdl;

import dev.polygate.spi.ConfigException.Problem;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import javax.wsdl.Binding;
import javax.wsdl.BindingFault;
import javax.wsdl.BindingOperation;
import javax.wsdl.Definition;
import javax.wsdl.Fault;
import javax.wsdl.Message;
import javax.wsdl.Operation;
import javax.wsdl.Part;
import javax.wsdl.extensions.soap.SOAPBody;
import javax.wsdl.extensions.soap.SOAPFault;
import javax.wsdl.extensions.soap.SOAPHeader;
import javax.wsdl.extensions.soap.SOAPOperation;
import javax.wsdl.extensions.soap12.SOAP12Body;
import javax.wsdl.extensions.soap12.SOAP12Fault;
import javax.wsdl.extensions.soap12.SOAP12Header;
import javax.wsdl.extensions.soap12.SOAP12Operation;
import javax.xml.namespace.QName;
import org.apache.ws.commons.schema.XmlSchemaCollection;

/**
 * Reads the operations of one SOAP binding: action, style, body and header parts, faults. Problems (SOAP encoding,
 * parts whose element no schema declares) are collected, so that one load reports all of them.
 */
final class OperationReader {
    private final List<Definition> definitions;
    private final XmlSchemaCollection schemas;
    private final String targetNamespace;

    OperationReader(List<Definition> definitions, XmlSchemaCollection schemas) {
        this.definitions = definitions;
        this.schemas = schemas;
        this.targetNamespace = definitions.get(0).getTargetNamespace();
    }

    /** The body of one direction of a binding operation: what {@code soap:body} and {@code soap:header} say. */
    private record Direction(String use, String namespace, List<String> bodyParts, List<Header> headers) {
    }

    private record Header(QName message, String part, String use) {
    }

    List<WsdlOperation> read(String document, Binding binding, SoapVersion version, String bindingStyle,
                             List<Problem> problems) {
        List<WsdlOperation> result = new ArrayList<>();
        for (Object each : binding.getBindingOperations()) {
            BindingOperation bop = (BindingOperation) each;
            String where = "binding " + binding.getQName().getLocalPart() + " operation " + bop.getName();
            int before = problems.size();
            WsdlOperation operation = read(document, where, bop, bindingStyle, problems);
            if (operation != null && problems.size() == before) {
                result.add(operation);
            }
        }
        return List.copyOf(result);
    }

    private WsdlOperation read(String document, String where, BindingOperation bop, String bindingStyle,
                               List<Problem> problems) {
        Operation operation = bop.getOperation();
        if (operation == null || operation.isUndefined()) {
            problems.add(new Problem("", document + ": " + where + " is not in the port type"));
            return null;
        }
        String action = "";
        String style = null;
        for (Object extension : bop.getExtensibilityElements()) {
            if (extension instanceof SOAPOperation soap) {
                action = soap.getSoapActionURI();
                style = soap.getStyle();
            } else if (extension instanceof SOAP12Operation soap) {
                action = soap.getSoapActionURI();
                style = soap.getStyle();
            }
        }
        boolean rpc = "rpc".equals(style != null ? style : bindingStyle);
        Direction in = bop.getBindingInput() == null ? null
                : direction(bop.getBindingInput().getExtensibilityElements());
        Direction out = bop.getBindingOutput() == null ? null
                : direction(bop.getBindingOutput().getExtensibilityElements());
        List<WsdlFault> faults = faults(document, where, bop, operation, problems);
        if (isEncoded(in) || isEncoded(out)) {
            problems.add(encoded(document, where));
            return null;
        }
        Message inMessage = operation.getInput() == null ? null : operation.getInput().getMessage();
        Message outMessage = operation.getOutput() == null ? null : operation.getOutput().getMessage();
        PartCheck check = new PartCheck(document, where, rpc, problems);
        List<MessagePart> input = body(inMessage, in, check);
        List<MessagePart> output = body(outMessage, out, check);
        List<MessagePart> inHeaders = headers(inMessage, in, check);
        List<MessagePart> outHeaders = headers(outMessage, out, check);
        WsdlOperation.Style layout = rpc ? WsdlOperation.Style.RPC
                : WrappedStyle.isWrapped(bop.getName(), input, output, outMessage == null, schemas)
                ? WsdlOperation.Style.DOCUMENT_WRAPPED : WsdlOperation.Style.DOCUMENT_BARE;
        String rpcNamespace = null;
        if (rpc) {
            rpcNamespace = in != null && in.namespace() != null && !in.namespace().isEmpty() ? in.namespace()
                    : targetNamespace;
        }
        return new WsdlOperation(bop.getName(), action, layout, rpcNamespace, input, output, inHeaders, outHeaders,
                faults, outMessage == null);
    }

    private static Direction direction(List<?> extensions) {
        String use = null;
        String namespace = null;
        List<String> parts = null;
        List<Header> headers = new ArrayList<>();
        for (Object extension : extensions) {
            if (extension instanceof SOAPBody body) {
                use = body.getUse();
                namespace = body.getNamespaceURI();
                parts = strings(body.getParts());
            } else if (extension instanceof SOAP12Body body) {
                use = body.getUse();
                namespace = body.getNamespaceURI();
                parts = strings(body.getParts());
            } else if (extension instanceof SOAPHeader header) {
                headers.add(new Header(header.getMessage(), header.getPart(), header.getUse()));
            } else if (extension instanceof SOAP12Header header) {
                headers.add(new Header(header.getMessage(), header.getPart(), header.getUse()));
            }
        }
        return new Direction(use, namespace, parts, headers);
    }

    private static List<String> strings(List<?> list) {
        return list == null ? null : list.stream().map(String::valueOf).toList();
    }

    private static boolean isEncoded(Direction direction) {
        return direction != null && ("encoded".equals(direction.use())
                || direction.headers().stream().anyMatch(h -> "encoded".equals(h.use())));
    }

    private static Problem encoded(String document, String where) {
        return new Problem("", document + ": rpc/encoded (SOAP encoding) is not supported: " + where
                + "; only literal use can be mapped from the schema");
    }

    private List<MessagePart> body(Message message, Direction direction, PartCheck check) {
        if (message == null) {
            return List.of();
        }
        List<Part> parts = parts(message);
        List<MessagePart> body = new ArrayList<>();
        if (direction != null && direction.bodyParts() != null) {
            for (String name : direction.bodyParts()) {
                Part part = message.getPart(name);
                if (part == null) {
                    check.problem("soap:body names part '" + name + "', which message "
                            + message.getQName().getLocalPart() + " does not have");
                } else {
                    check.body(part).ifPresent(body::add);
                }
            }
            return body;
        }
        for (Part part : parts) {
            boolean inHeader = direction != null && direction.headers().stream()
                    .anyMatch(h -> message.getQName().equals(h.message()) && part.getName().equals(h.part()));
            if (!inHeader) {
                check.body(part).ifPresent(body::add);
            }
        }
        return body;
    }

    private List<MessagePart> headers(Message message, Direction direction, PartCheck check) {
        if (message == null || direction == null) {
            return List.of();
        }
        List<MessagePart> headers = new ArrayList<>();
        for (Header header : direction.headers()) {
            Message source = header.message() == null ? message : message(header.message());
            Part part = source == null ? null : source.getPart(header.part());
            if (part == null) {
                check.problem("soap:header names part '" + header.part() + "' of message " + header.message()
                        + ", which does not exist");
            } else {
                check.header(part).ifPresent(headers::add);
            }
        }
        return headers;
    }

    private List<WsdlFault> faults(String document, String where, BindingOperation bop, Operation operation,
                                   List<Problem> problems) {
        for (Object each : bop.getBindingFaults().values()) {
            for (Object extension : ((BindingFault) each).getExtensibilityElements()) {
                String use = extension instanceof SOAPFault f ? f.getUse()
                        : extension instanceof SOAP12Fault f ? f.getUse() : null;
                if ("encoded".equals(use)) {
                    problems.add(encoded(document, where));
                    return List.of();
                }
            }
        }
        PartCheck check = new PartCheck(document, where, false, problems);
        List<WsdlFault> faults = new ArrayList<>();
        Map<?, ?> declared = operation.getFaults();
        declared.values().stream()
                .map(Fault.class::cast)
                .sorted(Comparator.comparing(Fault::getName))
                .forEach(fault -> {
                    List<Part> parts = fault.getMessage() == null ? List.of() : parts(fault.getMessage());
                    if (parts.size() != 1) {
                        check.problem("fault " + fault.getName() + " needs a message with exactly one part, not "
                                + parts.size());
                    } else {
                        check.header(parts.get(0)).ifPresent(p -> faults.add(new WsdlFault(fault.getName(), p)));
                    }
                });
        return faults;
    }

    private Message message(QName name) {
        for (Definition definition : definitions) {
            Message message = (Message) definition.getMessages().get(name);
            if (message != null && !message.isUndefined()) {
                return message;
            }
        }
        return null;
    }

    private static List<Part> parts(Message message) {
        List<?> parts = message.getOrderedParts(null);
        return parts.stream().map(Part.class::cast).toList();
    }

    /** Checks parts against the schemas and the binding style. */
    private final class PartCheck {
        private final String document;
        private final String where;
        private final boolean rpc;
        private final List<Problem> problems;

        PartCheck(String document, String where, boolean rpc, List<Problem> problems) {
            this.document = document;
            this.where = where;
            this.rpc = rpc;
            this.problems = problems;
        }

        void problem(String message) {
            problems.add(new Problem("", document + ": " + where + ": " + message));
        }

        /** A Body part: document style needs an element; rpc style accepts a type or an element. */
        java.util.Optional<MessagePart> body(Part part) {
            if (!rpc && part.getElementName() == null) {
                problem("part '" + part.getName() + "' names a type, but document style parts must name an element");
                return java.util.Optional.empty();
            }
            return header(part);
        }

        /** Headers and fault details are always elements in practice; a type is kept for the caller to judge. */
        java.util.Optional<MessagePart> header(Part part) {
            QName element = part.getElementName();
            QName type = element == null ? part.getTypeName() : null;
            if (element == null && type == null) {
                problem("part '" + part.getName() + "' names neither an element nor a type");
                return java.util.Optional.empty();
            }
            if (element != null && schemas.getElementByQName(element) == null) {
                problem("element " + element + " of part '" + part.getName() + "' is not declared by any schema");
                return java.util.Optional.empty();
            }
            if (type != null && !SchemaResolver.isXmlSchemaNamespace(type.getNamespaceURI())
                    && schemas.getTypeByQName(type) == null) {
                problem("type " + type + " of part '" + part.getName() + "' is not declared by any schema");
                return java.util.Optional.empty();
            }
            return java.util.Optional.of(new MessagePart(part.getName(), element, type));
        }
    }
}

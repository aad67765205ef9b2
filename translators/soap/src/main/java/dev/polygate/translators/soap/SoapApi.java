package dev.polygate.translators.soap;

import com.google.api.AnnotationsProto;
import com.google.api.HttpRule;
import com.google.protobuf.DescriptorProtos.FileDescriptorProto;
import com.google.protobuf.DescriptorProtos.MethodDescriptorProto;
import com.google.protobuf.DescriptorProtos.MethodOptions;
import com.google.protobuf.DescriptorProtos.ServiceDescriptorProto;
import com.google.protobuf.Descriptors;
import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Empty;
import com.google.protobuf.EmptyProto;
import dev.polygate.spi.ConfigException;
import dev.polygate.translators.soap.schema.CompiledSchema;
import dev.polygate.translators.soap.schema.SchemaCompiler;
import dev.polygate.translators.soap.schema.SchemaRequest;
import dev.polygate.translators.soap.wsdl.MessagePart;
import dev.polygate.translators.soap.wsdl.WsdlDefinition;
import dev.polygate.translators.soap.wsdl.WsdlFault;
import dev.polygate.translators.soap.wsdl.WsdlOperation;
import dev.polygate.translators.soap.wsdl.WsdlPort;
import dev.polygate.translators.soap.xml.BodyShape;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.xml.namespace.QName;

/**
 * A WSDL port as the gateway exposes it: its XSD compiled into protobuf messages, one protobuf service whose
 * methods are the port's operations with their REST bindings ({@code POST prefix/Operation} unless configured
 * otherwise), and per method what a SOAP call needs. This is what makes one SOAP operation reachable from
 * every client protocol the gateway speaks. A request or response with declared SOAP headers is a message of its
 * own: the body's fields and a {@code header} object with one field per header part. A one-way operation (an input
 * and no output) answers {@code google.protobuf.Empty}, over REST with {@code 202 Accepted}. A document-style
 * message without parts is {@code google.protobuf.Empty} too: an empty Body on the wire. Operations the route
 * excludes are left out altogether.
 */
record SoapApi(Descriptors.ServiceDescriptor service, CompiledSchema schema, Map<String, OperationBinding> bindings) {
    /** What a one-way operation answers: nothing, which every client protocol receives as {@code Empty}. */
    private static final Shape NO_ANSWER = new Shape(new BodyShape.NoMessage(), Empty.getDescriptor());
    /** A document-style message without parts: nothing in the Body, {@code Empty} for every client protocol. */
    private static final Shape NO_PARTS = new Shape(new BodyShape.Parts(List.of()), Empty.getDescriptor());

    static SoapApi build(WsdlDefinition wsdl, WsdlPort port, SoapRouteConfig config) throws ConfigException {
        String serviceName = Names.identifier(wsdl.services().stream()
                .filter(s -> s.ports().contains(port)).findFirst().map(s -> s.name().getLocalPart()).orElse(port.name()));
        String protoPackage = ProtoPackage.of(config, serviceName);
        List<WsdlOperation> operations = ExcludedOperations.apply(config.exclude(), port);
        List<QName> elements = new ArrayList<>();
        List<SchemaRequest.RpcMessage> rpcMessages = new ArrayList<>();
        List<SchemaRequest.HeaderedMessage> headered = new ArrayList<>();
        for (WsdlOperation op : operations) {
            collect(op, op.input(), false, elements, rpcMessages);
            headered(op, op.input(), op.inputHeaders(), false).ifPresent(headered::add);
            if (!op.oneWay()) {
                collect(op, op.output(), true, elements, rpcMessages);
                headered(op, op.output(), op.outputHeaders(), true).ifPresent(headered::add);
            }
            for (WsdlFault fault : op.faults()) {
                if (fault.element() != null && !elements.contains(fault.element())) {
                    elements.add(fault.element());
                }
            }
        }
        CompiledSchema schema = SchemaCompiler.compile(wsdl.schemas(),
                new SchemaRequest(protoPackage, protoPackage.replace('.', '/') + "/types.proto", elements, rpcMessages,
                        headered));

        ServiceDescriptorProto.Builder service = ServiceDescriptorProto.newBuilder().setName(serviceName);
        Map<String, Shapes> shapes = new LinkedHashMap<>();
        for (WsdlOperation op : operations) {
            Shapes s = new Shapes(shape(op, op.input(), op.inputHeaders(), false, schema), op.oneWay() ? NO_ANSWER
                    : shape(op, op.output(), op.outputHeaders(), true, schema));
            shapes.put(op.name(), s);
            SoapRouteConfig.OperationRoute route = config.operations().get(op.name());
            HttpRule rule = route == null
                    ? HttpRule.newBuilder().setPost(prefix(config, serviceName) + "/" + op.name()).setBody("*").build()
                    : rule(route);
            service.addMethod(MethodDescriptorProto.newBuilder().setName(Names.identifier(op.name()))
                    .setInputType("." + s.input.type.getFullName()).setOutputType("." + s.output.type.getFullName())
                    .setOptions(MethodOptions.newBuilder().setExtension(AnnotationsProto.http, rule)));
        }
        Descriptors.ServiceDescriptor descriptor = serviceFile(protoPackage, service, schema, port, shapes.values()).getServices().get(0);
        Map<String, HeadersFromHttp> fromHttp = HeadersFromHttp.forPort(config.soapHeaders(), operations,
                op -> shapes.get(op.name()).input.type);
        Map<String, OperationBinding> bindings = new LinkedHashMap<>();
        for (WsdlOperation op : operations) {
            Shapes s = shapes.get(op.name());
            Map<QName, Descriptor> faults = new LinkedHashMap<>();
            for (WsdlFault fault : op.faults()) {
                if (fault.element() != null) {
                    schema.messageForElement(fault.element()).ifPresent(type -> faults.put(fault.element(), type));
                }
            }
            String method = descriptor.findMethodByName(Names.identifier(op.name())).getFullName();
            bindings.put(method, new OperationBinding(op.name(), port.version(), op.soapAction(), s.input.type,
                    s.input.shape, s.output.type, s.output.shape, faults, fromHttp.get(op.name())));
        }
        return new SoapApi(descriptor, schema, bindings);
    }

    /** The service's file: it imports the schema's, google.api.http's and, when a method takes or answers it, Empty's. */
    private static Descriptors.FileDescriptor serviceFile(String protoPackage, ServiceDescriptorProto.Builder service,
                                                          CompiledSchema schema, WsdlPort port,
                                                          Collection<Shapes> shapes) throws ConfigException {
        List<Descriptors.FileDescriptor> imports = new ArrayList<>(List.of(schema.file(), AnnotationsProto.getDescriptor()));
        if (shapes.stream().anyMatch(s -> s.input.type == Empty.getDescriptor() || s.output.type == Empty.getDescriptor())) {
            imports.add(EmptyProto.getDescriptor());
        }
        FileDescriptorProto.Builder file = FileDescriptorProto.newBuilder()
                .setName(protoPackage.replace('.', '/') + "/service.proto").setPackage(protoPackage).setSyntax("proto3")
                .addService(service);
        imports.forEach(imported -> file.addDependency(imported.getName()));
        try {
            return Descriptors.FileDescriptor.buildFrom(file.build(), imports.toArray(Descriptors.FileDescriptor[]::new));
        } catch (Descriptors.DescriptorValidationException e) {
            throw new ConfigException("wsdl", "the operations of port '" + port.name() + "' make no valid service: "
                    + e.getMessage());
        }
    }

    /**
     * What tells this API's contract apart from another of the same service name: a digest of its messages and of
     * its methods' names and types (not their HTTP bindings, which may differ between routes of one contract).
     */
    String contractFingerprint() {
        MessageDigest digest;
        try {
            digest = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
        digest.update(schema.file().toProto().toByteArray());
        for (Descriptors.MethodDescriptor method : service.getMethods()) {
            digest.update((method.getName() + " " + method.getInputType().getFullName() + " "
                    + method.getOutputType().getFullName() + "\n").getBytes(StandardCharsets.UTF_8));
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    /** The HTTP status of a REST call's success: 202 Accepted for a one-way operation, whose backend only takes it. */
    int successStatus(Descriptors.MethodDescriptor method) {
        OperationBinding binding = bindings.get(method.getFullName());
        return binding != null && binding.oneWay() ? 202 : 200;
    }

    private record Shape(BodyShape shape, Descriptor type) {
    }

    private record Shapes(Shape input, Shape output) {
    }

    private static String prefix(SoapRouteConfig config, String serviceName) {
        return config.prefix() != null ? config.prefix() : "/" + serviceName.toLowerCase(java.util.Locale.ROOT);
    }

    private static HttpRule rule(SoapRouteConfig.OperationRoute route) {
        HttpRule.Builder rule = HttpRule.newBuilder();
        switch (route.method()) {
            case "GET" -> rule.setGet(route.path());
            case "PUT" -> rule.setPut(route.path()).setBody("*");
            case "PATCH" -> rule.setPatch(route.path()).setBody("*");
            case "DELETE" -> rule.setDelete(route.path());
            default -> rule.setPost(route.path()).setBody("*");
        }
        return rule.build();
    }

    /** Which elements and rpc wrappers the schema compiler must turn into messages for one direction. */
    private static void collect(WsdlOperation op, List<MessagePart> parts, boolean response, List<QName> elements,
                                List<SchemaRequest.RpcMessage> rpcMessages) {
        if (op.style() == WsdlOperation.Style.RPC || parts.size() > 1) {
            rpcMessages.add(new SchemaRequest.RpcMessage(wrapper(op, response), parts.stream()
                    .map(p -> new SchemaRequest.RpcPart(p.name(), p.type(), p.element())).toList()));
        } else if (parts.size() == 1 && !elements.contains(parts.get(0).element())) {
            elements.add(parts.get(0).element());
        }
    }

    /**
     * A request or response with declared SOAP headers gets a message of its own, so that every other operation
     * keeps exactly the body's message.
     */
    private static Optional<SchemaRequest.HeaderedMessage> headered(WsdlOperation op, List<MessagePart> parts,
                                                                    List<MessagePart> headers, boolean response) {
        if (headers.isEmpty() || parts.isEmpty()) {
            return Optional.empty();
        }
        boolean rpcBody = op.style() == WsdlOperation.Style.RPC || parts.size() > 1;
        return Optional.of(new SchemaRequest.HeaderedMessage(headeredName(op, response),
                rpcBody ? wrapper(op, response) : parts.get(0).element(), rpcBody,
                headers.stream().map(p -> new SchemaRequest.RpcPart(p.name(), p.type(), p.element())).toList()));
    }

    private static String headeredName(WsdlOperation op, boolean response) {
        return op.name() + (response ? "Response" : "Request");
    }

    private static Shape shape(WsdlOperation op, List<MessagePart> parts, List<MessagePart> headers, boolean response,
                               CompiledSchema schema) {
        Shape body = bodyShape(op, parts, response, schema);
        // a message without parts has no body message to add its headers to: they are not exposed
        return headers.isEmpty() || body == NO_PARTS ? body
                : new Shape(body.shape, schema.messageWithHeaders(headeredName(op, response)).orElseThrow());
    }

    private static Shape bodyShape(WsdlOperation op, List<MessagePart> parts, boolean response, CompiledSchema schema) {
        if (op.style() == WsdlOperation.Style.RPC) {
            QName wrapper = wrapper(op, response);
            return new Shape(new BodyShape.Rpc(wrapper), schema.messageForRpc(wrapper).orElseThrow());
        }
        if (parts.size() > 1) {
            return new Shape(new BodyShape.Parts(parts.stream().map(MessagePart::element).toList()),
                    schema.messageForRpc(wrapper(op, response)).orElseThrow());
        }
        if (parts.isEmpty()) {
            return NO_PARTS;
        }
        QName element = parts.get(0).element();
        return new Shape(new BodyShape.Element(element), schema.messageForElement(element).orElseThrow());
    }

    private static QName wrapper(WsdlOperation op, boolean response) {
        String ns = op.rpcNamespace() != null ? op.rpcNamespace() : "";
        return new QName(ns, op.name() + (response ? "Response" : ""));
    }
}

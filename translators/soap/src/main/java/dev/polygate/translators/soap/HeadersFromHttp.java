package dev.polygate.translators.soap;

import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.Message;
import dev.polygate.spi.ConfigException;
import dev.polygate.spi.ErrorKind;
import dev.polygate.spi.GatewayException;
import dev.polygate.translators.soap.wsdl.MessagePart;
import dev.polygate.translators.soap.wsdl.WsdlOperation;
import dev.polygate.translators.soap.xml.HeaderBlock;
import dev.polygate.translators.soap.xml.TextValues;
import dev.polygate.xml.v1.XmlProto;
import io.netty.handler.codec.http.HttpHeaders;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import javax.xml.namespace.QName;

/**
 * The route's {@code soapHeaders} for one operation: which HTTP request headers (for gRPC and gRPC-Web clients,
 * the same-named metadata) give which SOAP headers their text. A header part the operation declares is set in
 * the request's header object, over what the JSON {@code header} object gave, so a layer in front of the gateway
 * (authentication, tracing) has the last word; any other element, named as {@code {namespace}local}, is sent as
 * a header entry of its own. A declared part no operation of the call declares is not sent.
 */
final class HeadersFromHttp {
    static final HeadersFromHttp NONE = new HeadersFromHttp(List.of(), null);

    /** One configured header: the field of a declared part in the header object, or else an element. */
    private record Source(String httpName, FieldDescriptor part, QName element) {
    }

    /** The request with the declared parts set, and every header entry to send besides them. */
    record Request(Message input, List<HeaderBlock> headers) {
    }

    private final List<Source> sources;
    private final FieldDescriptor headersField;

    private HeadersFromHttp(List<Source> sources, FieldDescriptor headersField) {
        this.sources = List.copyOf(sources);
        this.headersField = headersField;
    }

    /**
     * Resolves the section against the port's operations, by operation name.
     *
     * @param inputTypes the request message of each operation
     * @throws ConfigException for a plain name no operation declares, or a declared part with complex content
     */
    static Map<String, HeadersFromHttp> forPort(Map<String, String> config, List<WsdlOperation> operations,
                                                Function<WsdlOperation, Descriptor> inputTypes) throws ConfigException {
        Map<String, HeadersFromHttp> resolved = new LinkedHashMap<>();
        List<ConfigException.Problem> problems = new ArrayList<>();
        Set<String> declared = new HashSet<>();
        for (WsdlOperation operation : operations) {
            Descriptor input = inputTypes.apply(operation);
            FieldDescriptor headersField = input.getFields().stream()
                    .filter(f -> f.getOptions().getExtension(XmlProto.soapHeaders)).findFirst().orElse(null);
            List<Source> sources = new ArrayList<>();
            config.forEach((httpName, target) -> {
                int index = declaredPart(operation.inputHeaders(), target);
                if (index >= 0) {
                    declared.add(httpName);
                    FieldDescriptor part = headersField.getMessageType().getFields().get(index);
                    if (!TextValues.takesText(part)) {
                        problems.add(new ConfigException.Problem("soapHeaders." + httpName, "header part '"
                                + operation.inputHeaders().get(index).name() + "' of operation " + operation.name()
                                + " has complex content; an HTTP header can only give a header of simple content"));
                    }
                    sources.add(new Source(httpName, part, null));
                } else if (SoapHeadersSection.isQualified(target)) {
                    sources.add(new Source(httpName, null, QName.valueOf(target)));
                }
            });
            resolved.put(operation.name(), sources.isEmpty() ? NONE : new HeadersFromHttp(sources, headersField));
        }
        config.forEach((httpName, target) -> {
            if (!declared.contains(httpName) && !SoapHeadersSection.isQualified(target)) {
                problems.add(new ConfigException.Problem("soapHeaders." + httpName, "no operation declares a header "
                        + "part or element named '" + target + "'; name a declared one, or any element as "
                        + "\"{namespace}local\""));
            }
        });
        if (!problems.isEmpty()) {
            throw new ConfigException(problems);
        }
        return resolved;
    }

    /** The index of the part a target names: by part name, else by element (local name, or QName). */
    private static int declaredPart(List<MessagePart> parts, String target) {
        for (int i = 0; i < parts.size(); i++) {
            if (!SoapHeadersSection.isQualified(target) && parts.get(i).name().equals(target)) {
                return i;
            }
        }
        for (int i = 0; i < parts.size(); i++) {
            QName element = parts.get(i).element();
            if (element != null && (SoapHeadersSection.isQualified(target) ? element.equals(QName.valueOf(target))
                    : element.getLocalPart().equals(target))) {
                return i;
            }
        }
        return -1;
    }

    /**
     * The configured headers' values the client sent, in configuration order; null where it sent none. Several
     * lines of one header are one value joined with ", ", as HTTP defines.
     */
    List<String> values(HttpHeaders http) {
        if (sources.isEmpty()) {
            return List.of();
        }
        List<String> values = new ArrayList<>(sources.size());
        for (Source source : sources) {
            List<String> lines = http.getAll(source.httpName());
            values.add(lines.isEmpty() ? null : String.join(", ", lines));
        }
        return values;
    }

    /**
     * The request to send: {@code input} with the declared parts set from {@code values}, and {@code others}
     * followed by an entry per other element given.
     *
     * @throws GatewayException BAD_REQUEST when a value is no lexical form of its part's type
     */
    Request apply(Message input, List<String> values, List<HeaderBlock> others) {
        if (values.isEmpty()) {
            return new Request(input, others);
        }
        Message.Builder parts = null;
        List<HeaderBlock> headers = new ArrayList<>(others);
        for (int i = 0; i < sources.size(); i++) {
            Source source = sources.get(i);
            String value = values.get(i);
            if (value == null) {
                continue;
            }
            if (source.part() == null) {
                headers.add(HeaderBlock.text(source.element(), value));
                continue;
            }
            if (parts == null) {
                parts = ((Message) input.getField(headersField)).toBuilder();
            }
            try {
                parts.setField(source.part(), TextValues.of(source.part(), value));
            } catch (IllegalArgumentException e) {
                throw new GatewayException(ErrorKind.BAD_REQUEST, "header " + source.httpName() + ": " + e.getMessage());
            }
        }
        Message request = parts == null ? input : input.toBuilder().setField(headersField, parts.build()).build();
        return new Request(request, headers);
    }
}

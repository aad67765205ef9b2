package dev.polygate.translators.soap.xml;

import com.google.protobuf.Descriptors.Descriptor;
import dev.polygate.translators.soap.schema.CompiledSchema;
import dev.polygate.translators.soap.schema.SchemaCompiler;
import dev.polygate.translators.soap.schema.SchemaRequest;
import dev.polygate.translators.soap.wsdl.MessagePart;
import dev.polygate.translators.soap.wsdl.WsdlDefinition;
import dev.polygate.translators.soap.wsdl.WsdlFault;
import dev.polygate.translators.soap.wsdl.WsdlImporter;
import dev.polygate.translators.soap.wsdl.WsdlOperation;
import dev.polygate.translators.soap.wsdl.WsdlPort;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.xml.namespace.QName;

/** A WSDL imported and compiled the way the gateway does it, and plain HTTP posting of envelopes. */
final class LiveBackends {
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    record Contract(WsdlPort port, CompiledSchema schema) {
        WsdlOperation operation(String name) {
            return port.operation(name).orElseThrow();
        }

        Descriptor message(QName element) {
            return schema.messageForElement(element).orElseThrow();
        }

        Map<QName, Descriptor> faults(WsdlOperation operation) {
            Map<QName, Descriptor> faults = new HashMap<>();
            for (WsdlFault fault : operation.faults()) {
                faults.put(fault.element(), message(fault.element()));
            }
            return faults;
        }
    }

    private LiveBackends() {
    }

    static Contract contract(URI wsdl) throws Exception {
        WsdlDefinition definition = WsdlImporter.load(wsdl, Duration.ofSeconds(10));
        WsdlPort port = definition.port(null, null);
        Set<QName> elements = new LinkedHashSet<>();
        for (WsdlOperation operation : port.operations()) {
            List<MessagePart> parts = new ArrayList<>(operation.input());
            parts.addAll(operation.output());
            parts.addAll(operation.inputHeaders());
            parts.addAll(operation.outputHeaders());
            operation.faults().forEach(f -> parts.add(f.detail()));
            parts.stream().map(MessagePart::element).filter(e -> e != null).forEach(elements::add);
        }
        CompiledSchema schema = SchemaCompiler.compile(definition.schemas(),
                new SchemaRequest("polygate.test.live", "polygate/test/live.proto", List.copyOf(elements), List.of()));
        return new Contract(port, schema);
    }

    static HttpResponse<byte[]> post(URI endpoint, String soapAction, String contentType, byte[] envelope) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(endpoint).timeout(Duration.ofSeconds(10))
                .header("Content-Type", contentType).POST(HttpRequest.BodyPublishers.ofByteArray(envelope));
        if (soapAction != null) {
            request.header("SOAPAction", soapAction);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    }
}

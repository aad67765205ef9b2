package dev.polygate.translators.soap;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.protobuf.Descriptors.Descriptor;
import dev.polygate.translators.model.openapi.SchemaRefs;
import java.util.Collection;
import java.util.Comparator;

/**
 * The error responses of a SOAP operation in an OpenAPI document: the {@code application/problem+json} bodies
 * {@link SoapErrors} writes, with the operation's declared fault elements as the schemas of {@code faultDetail}.
 */
final class ProblemSchemas {
    /** The component name of the problem schema every operation shares. */
    static final String PROBLEM = "polygate.soap.Problem";
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private ProblemSchemas() {
    }

    /** The {@code default} response of an operation whose declared faults have these detail types. */
    static ObjectNode defaultResponse(Collection<Descriptor> faultDetails, SchemaRefs refs) {
        ObjectNode schema = refs.ref(PROBLEM, ProblemSchemas::problem);
        if (!faultDetails.isEmpty()) {
            ObjectNode declared = JSON.objectNode();
            ArrayNode all = declared.putArray("allOf");
            all.add(schema);
            ObjectNode detail = all.addObject().putObject("properties").putObject("faultDetail");
            // anyOf, not oneOf: two fault elements of the same shape would make a real detail match both
            ArrayNode types = detail.put("description", "The detail of one of the faults the operation declares")
                    .putArray("anyOf");
            // by name, so that the document's text does not depend on the order the WSDL reader lists faults in
            faultDetails.stream().sorted(Comparator.comparing(Descriptor::getFullName))
                    .forEach(type -> types.add(refs.ref(type)));
            schema = declared;
        }
        ObjectNode response = JSON.objectNode().put("description", "An error, as RFC 9457 problem details: 400 for a "
                + "request the schema refuses or a Client/Sender fault, 401 for missing or refused credentials, "
                + "502 (or the route's faults.serverStatus) for any other fault or an answer that is no SOAP, 504 when "
                + "the backend does not answer in time, and the gateway's other errors with their own status");
        response.putObject("content").putObject("application/problem+json").set("schema", schema);
        return response;
    }

    private static ObjectNode problem() {
        ObjectNode schema = JSON.objectNode().put("type", "object").put("title", "Problem").put("description",
                "RFC 9457 problem details. A SOAP Fault (code SOAP_FAULT) adds faultcode, reason and what the fault "
                        + "carries; every other error has the gRPC code name as code");
        ObjectNode properties = schema.putObject("properties");
        string(properties, "type", "Always about:blank");
        string(properties, "title", "\"SOAP Fault\", or the title of the error's HTTP status");
        properties.putObject("status").put("type", "integer").put("minimum", 400).put("maximum", 599)
                .put("description", "The HTTP status of the answer");
        string(properties, "code", "SOAP_FAULT for a fault, else the gRPC code name of the error, such as "
                + "INVALID_ARGUMENT, UNAUTHENTICATED, UNAVAILABLE or DEADLINE_EXCEEDED");
        string(properties, "detail", "What went wrong; for a fault, its reason");
        string(properties, "faultcode", "The local name of the fault code: Client, Server (SOAP 1.1), Sender, "
                + "Receiver, ... (SOAP 1.2)");
        ObjectNode subcodes = properties.putObject("subcodes").put("type", "array")
                .put("description", "SOAP 1.2 subcodes by local name, outermost first");
        subcodes.putObject("items").put("type", "string");
        string(properties, "reason", "The fault's faultstring (1.1) or Reason text (1.2)");
        string(properties, "actor", "SOAP 1.1 faultactor");
        string(properties, "node", "SOAP 1.2 Node");
        string(properties, "role", "SOAP 1.2 Role");
        properties.putObject("faultDetail").put("type", "object")
                .put("description", "The fault's detail element as JSON, when the operation declares it (wsdl:fault)");
        string(properties, "faultDetailXml", "A detail no wsdl:fault of the operation declares, as its XML text");
        schema.putArray("required").add("type").add("title").add("status").add("code").add("detail");
        ObjectNode fault = schema.putObject("if");
        fault.putObject("properties").putObject("code").put("const", SoapErrors.FAULT_REASON);
        fault.putArray("required").add("code");
        schema.putObject("then").putArray("required").add("faultcode").add("reason");
        return schema;
    }

    private static void string(ObjectNode properties, String name, String description) {
        properties.putObject(name).put("type", "string").put("description", description);
    }
}

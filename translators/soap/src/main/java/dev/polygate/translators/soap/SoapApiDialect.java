package dev.polygate.translators.soap;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Descriptors.EnumDescriptor;
import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.Descriptors.MethodDescriptor;
import dev.polygate.translators.model.openapi.JsonDialect;
import dev.polygate.translators.model.openapi.SchemaRefs;
import dev.polygate.translators.model.transcoding.TranscodingOptions;
import dev.polygate.translators.soap.json.XmlJsonSchemas;
import dev.polygate.translators.soap.wsdl.SoapVersion;
import dev.polygate.translators.soap.wsdl.WsdlPort;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * What the OpenAPI document of a SOAP route describes: JSON as {@link dev.polygate.translators.soap.json.XmlJsonCodec}
 * speaks it ({@link XmlJsonSchemas}) and errors as {@link SoapErrors} writes them ({@link ProblemSchemas}).
 */
final class SoapApiDialect implements JsonDialect {
    private final XmlJsonSchemas schemas;
    private final Map<String, OperationBinding> operations;
    private final String description;

    /** The dialect of a port's API, under the route's JSON options. */
    static SoapApiDialect of(SoapApi api, WsdlPort port, TranscodingOptions options) {
        return new SoapApiDialect(options, api.bindings(), api.service().getName() + "/" + port.name()
                + (port.version() == SoapVersion.SOAP_12 ? " (SOAP 1.2)" : " (SOAP 1.1)"));
    }

    /**
     * @param operations the operations by their method's full name
     * @param portName   the WSDL service and port, for the description
     */
    private SoapApiDialect(TranscodingOptions options, Map<String, OperationBinding> operations, String portName) {
        this.schemas = new XmlJsonSchemas(options);
        this.operations = operations;
        this.description = "The SOAP service " + portName + " exposed as REST/JSON by the gateway, which writes the "
                + "SOAP envelopes and reads the answers: each operation is called with its input message as JSON and "
                + "answers its output message. The JSON follows the XSD: keys are the XML names (@name for an attribute "
                + "beside an element of that name), repeated elements are always arrays, null is xsi:nil (allowed for "
                + "nillable elements only), enumerations are their literals, long, integer and decimal values are "
                + "printed as strings (and read from numbers too), required elements and attributes must be given"
                + (options.ignoreUnknownFields() ? ", unknown keys are ignored" : ", unknown keys are refused")
                + ". Errors, SOAP faults among them, are application/problem+json.";
    }

    @Override
    public String apiDescription() {
        return description;
    }

    @Override
    public String propertyName(FieldDescriptor field) {
        return schemas.propertyName(field);
    }

    @Override
    public ObjectNode enumSchema(EnumDescriptor type) {
        return schemas.enumSchema(type);
    }

    @Override
    public ObjectNode objectSchema(Descriptor message, Predicate<FieldDescriptor> leaveOut, boolean titled,
                                  SchemaRefs refs) {
        return schemas.objectSchema(message, leaveOut, titled, refs);
    }

    @Override
    public ObjectNode fieldSchema(FieldDescriptor field, SchemaRefs refs) {
        return schemas.fieldSchema(field, refs);
    }

    @Override
    public ObjectNode valueSchema(FieldDescriptor field, SchemaRefs refs) {
        return schemas.valueSchema(field, refs);
    }

    @Override
    public void errorResponses(MethodDescriptor method, ObjectNode responses, SchemaRefs refs) {
        OperationBinding operation = operations.get(method.getFullName());
        responses.set("default", ProblemSchemas.defaultResponse(
                operation == null ? List.of() : operation.faultDetails().values(), refs));
    }
}

package dev.polygate.translators.soap;

import com.google.protobuf.Descriptors.Descriptor;
import dev.polygate.translators.soap.wsdl.SoapVersion;
import dev.polygate.translators.soap.xml.BodyShape;
import java.util.Map;
import javax.xml.namespace.QName;

/**
 * Everything a call of one SOAP operation needs: the message types on both sides, where they sit in the
 * Body, the action, the declared faults' detail types, and the SOAP headers HTTP request headers give.
 */
record OperationBinding(String name, SoapVersion version, String soapAction, Descriptor inputType,
                        BodyShape inputShape, Descriptor outputType, BodyShape outputShape,
                        Map<QName, Descriptor> faultDetails, HeadersFromHttp headersFromHttp) {

    /** Whether the operation has no output message: its answer is only an acknowledgement. */
    boolean oneWay() {
        return outputShape instanceof BodyShape.NoMessage;
    }
}

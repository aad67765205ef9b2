package dev.polygate.translators.soap;

import com.google.protobuf.Descriptors.Descriptor;
import dev.polygate.translators.soap.wsdl.SoapVersion;
import dev.polygate.translators.soap.xml.BodyShape;
import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import java.util.Map;
import javax.xml.namespace.QName;

/**
 * Everything a call of one SOAP operation needs: the message types on both sides, where they sit in the
 * Body, the action, the declared faults' detail types, the SOAP headers HTTP request headers give, and the
 * HTTP headers of its requests.
 *
 * @param requestHeaders Content-Type, SOAPAction (SOAP 1.1) and Accept, worked out once: a template each call
 *                       copies, never changes
 */
record OperationBinding(String name, SoapVersion version, String soapAction, Descriptor inputType,
                        BodyShape inputShape, Descriptor outputType, BodyShape outputShape,
                        Map<QName, Descriptor> faultDetails, HeadersFromHttp headersFromHttp,
                        HttpHeaders requestHeaders) {

    OperationBinding(String name, SoapVersion version, String soapAction, Descriptor inputType, BodyShape inputShape,
                     Descriptor outputType, BodyShape outputShape, Map<QName, Descriptor> faultDetails,
                     HeadersFromHttp headersFromHttp) {
        this(name, version, soapAction, inputType, inputShape, outputType, outputShape, faultDetails, headersFromHttp,
                requestHeaders(version, soapAction));
    }

    /** Whether the operation has no output message: its answer is only an acknowledgement. */
    boolean oneWay() {
        return outputShape instanceof BodyShape.NoMessage;
    }

    private static HttpHeaders requestHeaders(SoapVersion version, String soapAction) {
        HttpHeaders headers = new DefaultHttpHeaders();
        headers.set(HttpHeaderNames.CONTENT_TYPE, version.contentType(soapAction));
        version.soapActionHeader(soapAction).ifPresent(action -> headers.set("soapaction", action));
        headers.set(HttpHeaderNames.ACCEPT, version.mediaType());
        return headers;
    }
}

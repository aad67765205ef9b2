package dev.polygate.translators.soap.wsdl;

import java.util.List;
import java.util.Objects;

/**
 * One operation of a SOAP binding, with everything needed to build its request and read its answer.
 *
 * @param name          the operation name
 * @param soapAction    {@code soap:operation@soapAction}; empty when absent
 * @param style         how the Body is laid out
 * @param rpcNamespace  for {@link Style#RPC}: the namespace of the operation and response wrapper elements
 *                      ({@code soap:body@namespace}, the WSDL's targetNamespace when absent); null otherwise
 * @param input         the parts in the request Body, in order
 * @param output        the parts in the response Body, in order; empty for a one-way operation (see
 *                      {@code oneWay})
 * @param inputHeaders  parts sent as SOAP headers of the request
 * @param outputHeaders parts received as SOAP headers of the response
 * @param faults        the declared faults, by name
 * @param oneWay        whether the operation has no output message
 */
public record WsdlOperation(String name, String soapAction, Style style, String rpcNamespace,
                            List<MessagePart> input, List<MessagePart> output,
                            List<MessagePart> inputHeaders, List<MessagePart> outputHeaders,
                            List<WsdlFault> faults, boolean oneWay) {

    /** The layout of the SOAP Body (WSDL 1.1 binding style, with the wrapped convention told apart). */
    public enum Style {
        /**
         * document/literal wrapped: a single Body child, the input element named after the operation, the answer
         * {@code <operation>Response}; each child of the wrapper is a parameter.
         */
        DOCUMENT_WRAPPED,
        /** document/literal bare: the parts' elements are the Body's children. */
        DOCUMENT_BARE,
        /**
         * rpc/literal: a Body child named after the operation (the answer {@code <operation>Response}) in
         * {@code rpcNamespace}, with one unqualified child per part, named after the part.
         */
        RPC
    }

    public WsdlOperation {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(style, "style");
        soapAction = soapAction == null ? "" : soapAction;
        input = List.copyOf(input);
        output = List.copyOf(output);
        inputHeaders = List.copyOf(inputHeaders);
        outputHeaders = List.copyOf(outputHeaders);
        faults = List.copyOf(faults);
    }
}

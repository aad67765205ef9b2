package dev.polygate.wsdl.cxf.shipments;

import jakarta.jws.WebMethod;
import jakarta.jws.WebParam;
import jakarta.jws.WebResult;
import jakarta.jws.WebService;
import jakarta.jws.soap.SOAPBinding;
import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * Shipping rates, rpc/literal: the Body's child is named after the operation in the binding's namespace, its
 * children are the parts, unqualified, typed by the schema (a complex part included), and the answer is
 * {@code QuoteResponse} with a {@code price} part.
 */
@WebService(name = "RateDesk", serviceName = "RateService", targetNamespace = RateDesk.NAMESPACE)
@SOAPBinding(style = SOAPBinding.Style.RPC)
public final class RateDesk {

    /** The namespace of the rpc operation elements. */
    public static final String NAMESPACE = "http://polygate.dev/test/cxf/rates";

    /** A price: grams times the rate per kilogram, plus a surcharge for each fragile parcel, to the cent. */
    @WebMethod(operationName = "Quote", action = NAMESPACE + "/Quote")
    @WebResult(name = "price", partName = "price")
    public BigDecimal quote(@WebParam(name = "parcel", partName = "parcel") Parcel parcel,
            @WebParam(name = "ratePerKilogram", partName = "ratePerKilogram") BigDecimal ratePerKilogram) {
        BigDecimal price = ratePerKilogram.multiply(BigDecimal.valueOf(parcel.weightGrams))
                .divide(BigDecimal.valueOf(1000));
        if (Boolean.TRUE.equals(parcel.fragile)) {
            price = price.add(new BigDecimal("2.50"));
        }
        return price.setScale(2, RoundingMode.HALF_EVEN);
    }
}

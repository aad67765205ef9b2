package dev.polygate.wsdl.cxf.shipments;

import dev.polygate.wsdl.cxf.hosting.CxfHost;
import jakarta.xml.ws.soap.SOAPBinding;

/** Publishes the shipment backends on a {@link CxfHost}. */
public final class ShipmentServices {

    private ShipmentServices() {
    }

    /** {@link ShipmentDesk} on SOAP 1.1 under {@code soap11Path} and on SOAP 1.2 under {@code soap12Path}. */
    public static void publishDesk(CxfHost host, String soap11Path, String soap12Path) {
        host.publish(soap11Path, new ShipmentDesk());
        host.publish(soap12Path, new ShipmentDesk(), factory -> factory.setBindingId(SOAPBinding.SOAP12HTTP_BINDING));
    }

    /** {@link RateDesk}, rpc/literal, on SOAP 1.1. */
    public static void publishRates(CxfHost host, String path) {
        host.publish(path, new RateDesk());
    }

    /** {@link TrackingDesk}, document/literal bare, on SOAP 1.1. */
    public static void publishTracking(CxfHost host, String path) {
        host.publish(path, new TrackingDesk());
    }
}

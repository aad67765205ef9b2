package dev.polygate.wsdl.testservices.telemetry;

import jakarta.xml.ws.WebFault;

/** A declared fault, rendered as a SOAP 1.2 Receiver fault with a Detail. */
@WebFault(name = "UnknownSensor", targetNamespace = TelemetryService.NAMESPACE)
public class UnknownSensorFault extends Exception {

    private static final long serialVersionUID = 1L;

    private final transient SensorFault faultInfo;

    /** A fault with its detail. */
    public UnknownSensorFault(String message, SensorFault faultInfo) {
        super(message);
        this.faultInfo = faultInfo;
    }

    /** The form JAX-WS expects of a mapped fault exception. */
    public UnknownSensorFault(String message, SensorFault faultInfo, Throwable cause) {
        super(message, cause);
        this.faultInfo = faultInfo;
    }

    /** The detail element's content. */
    public SensorFault getFaultInfo() {
        return faultInfo;
    }
}

package dev.polygate.wsdl.testservices.telemetry;

import jakarta.jws.WebMethod;
import jakarta.jws.WebParam;
import jakarta.jws.WebResult;
import jakarta.jws.WebService;
import jakarta.xml.ws.BindingType;
import jakarta.xml.ws.soap.SOAPBinding;

/**
 * Document/literal wrapped on SOAP 1.2: {@code application/soap+xml} with the action as a media-type
 * parameter, 1.2 fault codes. Public and not final because JAX-WS instantiates it.
 */
@WebService(serviceName = "Telemetry", portName = "TelemetryPort", name = "TelemetryPortType",
        targetNamespace = TelemetryService.NAMESPACE)
@BindingType(SOAPBinding.SOAP12HTTP_BINDING)
public class TelemetryService {

    /** The service's and its types' namespace. */
    public static final String NAMESPACE = "http://polygate.dev/test/telemetry";

    /** The sensor that is known but never answers: its readings end in a Receiver fault. */
    public static final String OFFLINE_SENSOR = "t-offline";

    /**
     * Acknowledges a reading. Sensor names other than {@code t-}... are unknown (the declared UnknownSensor
     * fault); a value below absolute zero is a Sender fault with subcodes, Node, Role and an undeclared detail;
     * {@value #OFFLINE_SENSOR} is a Receiver fault with a subcode.
     */
    @WebMethod(operationName = "Record", action = NAMESPACE + "/Record")
    @WebResult(name = "ack", targetNamespace = NAMESPACE)
    public Ack record(@WebParam(name = "reading", targetNamespace = NAMESPACE) Reading reading)
            throws UnknownSensorFault {
        if (reading.sensor == null || !reading.sensor.startsWith("t-")) {
            throw new UnknownSensorFault("unknown sensor " + reading.sensor, new SensorFault(reading.sensor, 404));
        }
        if (reading.value < ReadingFaults.ABSOLUTE_ZERO) {
            throw ReadingFaults.belowAbsoluteZero(reading);
        }
        if (reading.sensor.equals(OFFLINE_SENSOR)) {
            throw ReadingFaults.sensorOffline(reading.sensor);
        }
        Ack ack = new Ack();
        ack.sequence = reading.sequence;
        ack.at = reading.at;
        return ack;
    }
}

package dev.polygate.wsdl.testservices.telemetry;

import jakarta.xml.soap.Detail;
import jakarta.xml.soap.SOAPConstants;
import jakarta.xml.soap.SOAPElement;
import jakarta.xml.soap.SOAPException;
import jakarta.xml.soap.SOAPFactory;
import jakarta.xml.soap.SOAPFault;
import jakarta.xml.ws.soap.SOAPFaultException;
import javax.xml.namespace.QName;

/**
 * SOAP 1.2 faults no wsdl:fault declares, built with SAAJ as a service that validates by hand would: a Code
 * with a chain of Subcodes, a Reason, a Node, a Role and a Detail of its own.
 */
final class ReadingFaults {

    /** The lowest temperature there is, in degrees Celsius. */
    static final double ABSOLUTE_ZERO = -273.15;
    /** The SOAP node that finds the fault (the Node element). */
    static final String NODE = "urn:polygate:test:telemetry:validator";

    private ReadingFaults() {
    }

    /**
     * A Sender fault: Subcodes {@code t:InvalidReading} then {@code t:BelowAbsoluteZero}, Node {@value #NODE},
     * Role ultimateReceiver, and a Detail {@code t:limits} with the minimum and the value received.
     */
    static SOAPFaultException belowAbsoluteZero(Reading reading) {
        try {
            SOAPFault fault = factory().createFault("reading " + reading.value + " of " + reading.sensor
                    + " is below absolute zero", SOAPConstants.SOAP_SENDER_FAULT);
            fault.appendFaultSubcode(code("InvalidReading"));
            fault.appendFaultSubcode(code("BelowAbsoluteZero"));
            fault.setFaultNode(NODE);
            fault.setFaultRole(SOAPConstants.URI_SOAP_1_2_ROLE_ULTIMATE_RECEIVER);
            Detail detail = fault.addDetail();
            SOAPElement limits = detail.addDetailEntry(code("limits"));
            limits.addChildElement(code("minimum")).addTextNode(Double.toString(ABSOLUTE_ZERO));
            limits.addChildElement(code("received")).addTextNode(Double.toString(reading.value));
            return new SOAPFaultException(fault);
        } catch (SOAPException e) {
            throw new IllegalStateException("SAAJ cannot build a SOAP 1.2 fault", e);
        }
    }

    /** A Receiver fault with the Subcode {@code t:SensorOffline}: the service's trouble, not the sender's. */
    static SOAPFaultException sensorOffline(String sensor) {
        try {
            SOAPFault fault = factory().createFault("sensor " + sensor + " does not answer",
                    SOAPConstants.SOAP_RECEIVER_FAULT);
            fault.appendFaultSubcode(code("SensorOffline"));
            return new SOAPFaultException(fault);
        } catch (SOAPException e) {
            throw new IllegalStateException("SAAJ cannot build a SOAP 1.2 fault", e);
        }
    }

    private static SOAPFactory factory() throws SOAPException {
        return SOAPFactory.newInstance(SOAPConstants.SOAP_1_2_PROTOCOL);
    }

    private static QName code(String name) {
        return new QName(TelemetryService.NAMESPACE, name, "t");
    }
}

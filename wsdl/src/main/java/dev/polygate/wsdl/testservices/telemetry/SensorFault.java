package dev.polygate.wsdl.testservices.telemetry;

import jakarta.xml.bind.annotation.XmlAccessType;
import jakarta.xml.bind.annotation.XmlAccessorType;
import jakarta.xml.bind.annotation.XmlType;

/** The detail of the UnknownSensor fault. */
@XmlAccessorType(XmlAccessType.FIELD)
@XmlType(name = "SensorFault", propOrder = {"sensor", "code"})
public class SensorFault {

    public String sensor;

    public int code;

    /** For JAXB. */
    public SensorFault() {
    }

    SensorFault(String sensor, int code) {
        this.sensor = sensor;
        this.code = code;
    }
}

/**
 * Telemetry: a code-first document/literal wrapped service on the SOAP 1.2 binding, with a declared fault.
 */
@XmlSchema(namespace = TelemetryService.NAMESPACE, elementFormDefault = XmlNsForm.QUALIFIED)
package dev.polygate.wsdl.testservices.telemetry;

import jakarta.xml.bind.annotation.XmlNsForm;
import jakarta.xml.bind.annotation.XmlSchema;

/**
 * Shipments on Apache CXF: the XSD constructs a SOAP-to-JSON mapping must get right, in a namespace of their own
 * with qualified elements, so that the wrapper's unqualified children and the types' qualified ones differ.
 */
@XmlSchema(namespace = ShipmentDesk.TYPES, elementFormDefault = XmlNsForm.QUALIFIED)
@XmlAccessorType(XmlAccessType.FIELD)
package dev.polygate.wsdl.cxf.shipments;

import jakarta.xml.bind.annotation.XmlAccessType;
import jakarta.xml.bind.annotation.XmlAccessorType;
import jakarta.xml.bind.annotation.XmlNsForm;
import jakarta.xml.bind.annotation.XmlSchema;

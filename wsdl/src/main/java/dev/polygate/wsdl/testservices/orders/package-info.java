/**
 * Orders: a code-first document/literal wrapped SOAP 1.1 service whose data types live in their own namespace
 * ({@code http://polygate.dev/test/orders/types}, qualified) while the operation wrappers live in the service
 * namespace with unqualified children, as JAX-WS generates them. Its types cover nesting, arrays, attributes,
 * nillable and optional elements, a choice, an enumeration, long and decimal precision, date and dateTime,
 * and base64Binary; one operation takes and answers a SOAP header, one declares a fault.
 */
@XmlSchema(namespace = OrdersService.TYPES_NAMESPACE, elementFormDefault = XmlNsForm.QUALIFIED)
package dev.polygate.wsdl.testservices.orders;

import jakarta.xml.bind.annotation.XmlNsForm;
import jakarta.xml.bind.annotation.XmlSchema;

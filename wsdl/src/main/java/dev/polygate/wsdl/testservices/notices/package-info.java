/**
 * Notices: a code-first document/literal wrapped SOAP 1.1 service with a one-way operation, and a
 * request-response operation that tells what the one-way operation received.
 */
@XmlSchema(namespace = NoticesService.NAMESPACE, elementFormDefault = XmlNsForm.QUALIFIED)
package dev.polygate.wsdl.testservices.notices;

import jakarta.xml.bind.annotation.XmlNsForm;
import jakarta.xml.bind.annotation.XmlSchema;

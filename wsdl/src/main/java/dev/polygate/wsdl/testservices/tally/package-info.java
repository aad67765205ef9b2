/**
 * Tally: a code-first document/literal BARE SOAP 1.1 service that declares the service name {@code Calculator}
 * (like the classic Calculator, in another namespace), with an operation whose input message has no part and one
 * whose output message has no part. Its endpoint keeps the raw bytes of every request it receives.
 */
@XmlSchema(namespace = TallyService.NAMESPACE, elementFormDefault = XmlNsForm.QUALIFIED)
package dev.polygate.wsdl.testservices.tally;

import jakarta.xml.bind.annotation.XmlNsForm;
import jakarta.xml.bind.annotation.XmlSchema;

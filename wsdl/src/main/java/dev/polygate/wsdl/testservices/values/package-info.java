/**
 * Values: a code-first document/literal wrapped SOAP 1.1 service taking an element of every XSD built-in simple
 * type, and counting the calls it receives, so a test can see that a refused value never reached it.
 */
@XmlSchema(namespace = ValuesService.NAMESPACE, elementFormDefault = XmlNsForm.QUALIFIED)
package dev.polygate.wsdl.testservices.values;

import jakarta.xml.bind.annotation.XmlNsForm;
import jakarta.xml.bind.annotation.XmlSchema;

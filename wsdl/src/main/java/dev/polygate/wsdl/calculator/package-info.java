/**
 * The classic Calculator SOAP service (namespace {@code http://tempuri.org/}), contract first: the static
 * {@code calculator.wsdl} is the contract, the Java types only implement it. Start it with
 * {@link dev.polygate.wsdl.calculator.CalculatorService#start()}.
 */
@XmlSchema(namespace = CalculatorSoap.NAMESPACE, elementFormDefault = XmlNsForm.QUALIFIED)
package dev.polygate.wsdl.calculator;

import jakarta.xml.bind.annotation.XmlNsForm;
import jakarta.xml.bind.annotation.XmlSchema;

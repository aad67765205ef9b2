/**
 * The XML side of SOAP calls: messages compiled from XSD (see the schema package) written to and read from XML
 * with StAX, and SOAP 1.1/1.2 envelopes and faults around them.
 *
 * <p>{@link dev.polygate.translators.soap.xml.XmlMessageWriter} and
 * {@link dev.polygate.translators.soap.xml.XmlMessageReader} follow only the descriptors' xml options.
 * {@link dev.polygate.translators.soap.xml.SoapRequestWriter} builds request envelopes for each
 * {@link dev.polygate.translators.soap.xml.BodyShape}; {@link dev.polygate.translators.soap.xml.SoapResponseReader}
 * turns a backend answer into an output message or a {@link dev.polygate.translators.soap.xml.SoapFault}, and
 * anything else into a {@link dev.polygate.translators.soap.xml.SoapProtocolException}.
 *
 * <p>Reading is lenient where backends differ harmlessly (unknown elements and attributes are skipped, order is
 * not enforced, missing required content is left unset for the exposing layer to judge) and strict where data
 * would be lost or forged (a known element twice, a second member of a taken choice, bad lexical forms, DTDs,
 * nesting deeper than the limits). The JDK's StAX implementation is used by name, whatever else is on the class
 * path.
 */
package dev.polygate.translators.soap.xml;

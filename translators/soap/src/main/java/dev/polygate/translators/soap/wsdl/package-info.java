/**
 * WSDL 1.1 import: a service description, with every document it imports or includes, read into an immutable
 * model of services, SOAP ports and operations, and the XML schemas their messages are made of.
 */
package dev.polygate.translators.soap.wsdl;

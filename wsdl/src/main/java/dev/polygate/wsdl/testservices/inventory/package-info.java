/**
 * Inventory: a code-first document/literal BARE SOAP 1.1 service: each operation's single part is a
 * direct child of the SOAP Body, with no operation wrapper; one part is a simple type.
 */
@XmlSchema(namespace = InventoryService.NAMESPACE, elementFormDefault = XmlNsForm.QUALIFIED)
package dev.polygate.wsdl.testservices.inventory;

import jakarta.xml.bind.annotation.XmlNsForm;
import jakarta.xml.bind.annotation.XmlSchema;

/**
 * Catalog: contract first, from a WSDL split across files: the WSDL imports its types' schema, which includes
 * a schema without a target namespace (a chameleon include) from a sub-folder. The service namespace and the
 * types namespace differ.
 */
@XmlSchema(namespace = CatalogService.TYPES_NAMESPACE, elementFormDefault = XmlNsForm.QUALIFIED)
package dev.polygate.wsdl.testservices.catalog;

import jakarta.xml.bind.annotation.XmlNsForm;
import jakarta.xml.bind.annotation.XmlSchema;

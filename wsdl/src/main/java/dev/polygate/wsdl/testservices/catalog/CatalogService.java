package dev.polygate.wsdl.testservices.catalog;

import jakarta.jws.WebMethod;
import jakarta.jws.WebParam;
import jakarta.jws.WebResult;
import jakarta.jws.WebService;
import jakarta.xml.ws.Endpoint;
import jakarta.xml.ws.RequestWrapper;
import jakarta.xml.ws.ResponseWrapper;
import java.math.BigDecimal;
import java.net.URL;
import java.util.ArrayList;
import java.util.List;
import javax.xml.transform.Source;
import javax.xml.transform.stream.StreamSource;

/**
 * Implements the static {@code catalog.wsdl}: document/literal wrapped, SOAP 1.1, with wrapper elements
 * in the types namespace. Public and not final because JAX-WS instantiates it.
 */
@WebService(serviceName = "Catalog", portName = "CatalogPort", name = "CatalogPortType",
        targetNamespace = CatalogService.NAMESPACE, wsdlLocation = CatalogService.WSDL_RESOURCE)
public class CatalogService {

    /** The WSDL's namespace. */
    public static final String NAMESPACE = "http://polygate.dev/test/catalog";
    /** The types' namespace, also that of the operation wrappers. */
    public static final String TYPES_NAMESPACE = "http://polygate.dev/test/catalog/types";
    /** The folder of the contract's files on the class path. */
    public static final String CONTRACT_FOLDER = "dev/polygate/wsdl/testservices/catalog/";
    /** The class-path location of the contract's root document. */
    public static final String WSDL_RESOURCE = CONTRACT_FOLDER + "catalog.wsdl";

    /** The schema files of the contract, relative to its folder, in the order they are reached. */
    public static final List<String> SCHEMA_FILES = List.of("types/catalog-types.xsd", "types/common/money.xsd");

    /**
     * An unpublished endpoint that knows every file of the contract. JAX-WS reads only the root WSDL by
     * itself; given the schemas as metadata, with their class-path URLs as system ids, it matches the relative
     * references against them and serves each at {@code ?xsd=N}.
     */
    public static Endpoint createEndpoint() {
        List<Source> metadata = new ArrayList<>();
        for (String file : SCHEMA_FILES) {
            URL url = CatalogService.class.getClassLoader().getResource(CONTRACT_FOLDER + file);
            if (url == null) {
                throw new IllegalStateException("missing contract file " + CONTRACT_FOLDER + file);
            }
            metadata.add(new StreamSource(url.toExternalForm()));
        }
        Endpoint endpoint = Endpoint.create(new CatalogService());
        endpoint.setMetadata(metadata);
        return endpoint;
    }

    /** Looks a product up by SKU; every SKU exists, priced by its length. */
    @WebMethod(operationName = "GetProduct", action = NAMESPACE + "/GetProduct")
    @RequestWrapper(localName = "GetProduct", targetNamespace = TYPES_NAMESPACE)
    @ResponseWrapper(localName = "GetProductResponse", targetNamespace = TYPES_NAMESPACE)
    @WebResult(name = "product", targetNamespace = TYPES_NAMESPACE)
    public Product getProduct(@WebParam(name = "sku", targetNamespace = TYPES_NAMESPACE) String sku) {
        Product product = new Product();
        product.sku = sku;
        product.name = "Product " + sku;
        Money price = new Money();
        price.amount = new BigDecimal(sku.length()).add(new BigDecimal("0.99"));
        price.currency = "EUR";
        product.price = price;
        product.tags.add("catalog");
        return product;
    }
}

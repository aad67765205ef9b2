package dev.polygate.wsdl.testservices.inventory;

import jakarta.jws.WebMethod;
import jakarta.jws.WebParam;
import jakarta.jws.WebResult;
import jakarta.jws.WebService;
import jakarta.jws.soap.SOAPBinding;

/**
 * Document/literal bare: the request element is the part itself ({@code StockQuery}, {@code Warehouse}),
 * the answer likewise ({@code StockLevel}, {@code ItemCount}). Public and not final because JAX-WS
 * instantiates it.
 */
@WebService(serviceName = "Inventory", portName = "InventoryPort", name = "InventoryPortType",
        targetNamespace = InventoryService.NAMESPACE)
@SOAPBinding(parameterStyle = SOAPBinding.ParameterStyle.BARE)
public class InventoryService {

    /** The service's and its types' namespace. */
    public static final String NAMESPACE = "http://polygate.dev/test/inventory";

    /** Stock of an item: 10 per warehouse asked for, or 100 in all when none is named. */
    @WebMethod(operationName = "GetStock", action = NAMESPACE + "/GetStock")
    @WebResult(name = "StockLevel", targetNamespace = NAMESPACE)
    public StockLevel getStock(@WebParam(name = "StockQuery", targetNamespace = NAMESPACE) StockQuery query) {
        StockLevel level = new StockLevel();
        level.sku = query.sku;
        level.warehouses = query.warehouses.size();
        level.available = query.warehouses.isEmpty() ? 100 : 10L * query.warehouses.size();
        return level;
    }

    /** A bare operation whose part is a simple type: the number of distinct items in a warehouse. */
    @WebMethod(operationName = "CountItems", action = NAMESPACE + "/CountItems")
    @WebResult(name = "ItemCount", targetNamespace = NAMESPACE)
    public int countItems(@WebParam(name = "Warehouse", targetNamespace = NAMESPACE) String warehouse) {
        return warehouse == null ? 0 : warehouse.length();
    }
}

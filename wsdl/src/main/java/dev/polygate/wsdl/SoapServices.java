package dev.polygate.wsdl;

import dev.polygate.wsdl.calculator.CalculatorService;
import dev.polygate.wsdl.hosting.EndpointHost;
import dev.polygate.wsdl.hosting.RequestRecorder;
import dev.polygate.wsdl.testservices.catalog.CatalogService;
import dev.polygate.wsdl.testservices.inventory.InventoryService;
import dev.polygate.wsdl.testservices.legacy.LegacyService;
import dev.polygate.wsdl.testservices.notices.NoticesService;
import dev.polygate.wsdl.testservices.orders.OrdersService;
import dev.polygate.wsdl.testservices.tally.TallyService;
import dev.polygate.wsdl.testservices.telemetry.TelemetryService;
import dev.polygate.wsdl.testservices.values.ValuesService;
import jakarta.xml.ws.Endpoint;
import java.net.URI;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;

/**
 * Every JAX-WS backend of this module on one loopback HTTP server with a free port, for the gateway's tests:
 *
 * <ul>
 *   <li>{@value #CALCULATOR}, {@value #CALCULATOR_SOAP12}: the classic Calculator, SOAP 1.1 and 1.2 ports
 *       of one static contract;</li>
 *   <li>{@value #ORDERS}: document/literal wrapped, code first, with most XSD constructs, a header and a
 *       declared fault;</li>
 *   <li>{@value #INVENTORY}: document/literal bare;</li>
 *   <li>{@value #LEGACY}: rpc/literal;</li>
 *   <li>{@value #TELEMETRY}: document/literal wrapped on the SOAP 1.2 binding;</li>
 *   <li>{@value #CATALOG}: contract first, its WSDL split across files (xsd:import, chameleon xsd:include);</li>
 *   <li>{@value #NOTICES}: a one-way operation, and one that tells what it received;</li>
 *   <li>{@value #TALLY}: document/literal bare with an empty input and an empty output message, declaring the
 *       service name {@code Calculator} too; the raw requests it receives are kept ({@link #received}).</li>
 *   <li>{@value #VALUES}: an element of every XSD built-in simple type, and a count of the calls received.</li>
 * </ul>
 *
 * <p>Code-first services serve the WSDL JAX-WS generates, with its schemas at {@code ?xsd=N}. Contract-first
 * services serve their static files at {@code ?wsdl} with references rewritten by JAX-WS to absolute
 * {@code ?xsd=N} URLs, and also as the files themselves, relative references intact, under
 * {@link #contract(String)}.
 */
public final class SoapServices implements AutoCloseable {

    /** The Calculator's SOAP 1.1 port. */
    public static final String CALCULATOR = "calculator";
    /** The Calculator's SOAP 1.2 port. */
    public static final String CALCULATOR_SOAP12 = "calculator12";
    /** Orders: document/literal wrapped. */
    public static final String ORDERS = "orders";
    /** Inventory: document/literal bare. */
    public static final String INVENTORY = "inventory";
    /** Legacy: rpc/literal. */
    public static final String LEGACY = "legacy";
    /** Telemetry: SOAP 1.2. */
    public static final String TELEMETRY = "telemetry";
    /** Catalog: a WSDL split across files. */
    public static final String CATALOG = "catalog";
    /** Notices: a one-way operation. */
    public static final String NOTICES = "notices";
    /** Tally: empty input and output messages, service name {@code Calculator}, requests recorded. */
    public static final String TALLY = "tally";
    /** Values: every built-in simple type, and the calls counted. */
    public static final String VALUES = "values";

    private static final String CONTRACTS_PATH = "/contracts/";
    private static final String CONTRACTS_RESOURCES = "dev/polygate/wsdl/";

    private final EndpointHost host;
    private final Map<String, String> paths;
    private final Map<String, RequestRecorder> recorders;

    private SoapServices(EndpointHost host, Map<String, String> paths, Map<String, RequestRecorder> recorders) {
        this.host = host;
        this.paths = paths;
        this.recorders = recorders;
    }

    /** Publishes every service on a free loopback port. */
    public static SoapServices start() {
        return start(0);
    }

    /** Publishes every service on {@code 127.0.0.1:port}; 0 picks a free port. */
    public static SoapServices start(int port) {
        EndpointHost host = EndpointHost.start(port);
        Map<String, String> paths = new LinkedHashMap<>();
        Map<String, RequestRecorder> recorders = new LinkedHashMap<>();
        try {
            CalculatorService.publish(host, "/" + CALCULATOR, "/" + CALCULATOR_SOAP12);
            paths.put(CALCULATOR, "/" + CALCULATOR);
            paths.put(CALCULATOR_SOAP12, "/" + CALCULATOR_SOAP12);
            publish(host, paths, ORDERS, Endpoint.create(new OrdersService()));
            publish(host, paths, INVENTORY, Endpoint.create(new InventoryService()));
            publish(host, paths, LEGACY, Endpoint.create(new LegacyService()));
            publish(host, paths, TELEMETRY, Endpoint.create(new TelemetryService()));
            publish(host, paths, CATALOG, CatalogService.createEndpoint());
            publish(host, paths, NOTICES, Endpoint.create(new NoticesService()));
            recorders.put(TALLY, host.publishRecorded(Endpoint.create(new TallyService()), "/" + TALLY));
            paths.put(TALLY, "/" + TALLY);
            publish(host, paths, VALUES, Endpoint.create(new ValuesService()));
            host.serveResources(CONTRACTS_PATH, CONTRACTS_RESOURCES);
        } catch (RuntimeException e) {
            host.close();
            throw e;
        }
        return new SoapServices(host, Collections.unmodifiableMap(paths), Map.copyOf(recorders));
    }

    private static void publish(EndpointHost host, Map<String, String> paths, String name, Endpoint endpoint) {
        host.publish(endpoint, "/" + name);
        paths.put(name, "/" + name);
    }

    /** The names {@link #endpoint} and {@link #wsdl} accept, in publication order. */
    public Set<String> names() {
        return paths.keySet();
    }

    /** The address to post SOAP requests to. */
    public URI endpoint(String service) {
        String path = paths.get(service);
        if (path == null) {
            throw new IllegalArgumentException("no service " + service + "; known: " + paths.keySet());
        }
        return host.uri(path);
    }

    /** The service's WSDL as its endpoint serves it ({@code ?wsdl}). */
    public URI wsdl(String service) {
        return URI.create(endpoint(service) + "?wsdl");
    }

    /**
     * A static contract file served over HTTP as it is on the class path, relative references intact:
     * {@code contract("testservices/catalog/catalog.wsdl")}, {@code contract("calculator/calculator.wsdl")}.
     * The same files load from the class path under {@code dev/polygate/wsdl/}.
     */
    public URI contract(String path) {
        return host.uri(CONTRACTS_PATH + path);
    }

    /** The raw request bodies a recording service ({@value #TALLY}) has received, oldest first. */
    public List<String> received(String service) {
        RequestRecorder recorder = recorders.get(service);
        if (recorder == null) {
            throw new IllegalArgumentException(service + " keeps no requests; only " + recorders.keySet() + " do");
        }
        return recorder.bodies();
    }

    /** The port the server listens on. */
    public int port() {
        return host.port();
    }

    @Override
    public void close() {
        host.close();
    }

    /** Runs every service until the process is stopped; the first argument is the port (default: free). */
    public static void main(String[] args) throws InterruptedException {
        SoapServices services = start(args.length > 0 ? Integer.parseInt(args[0]) : 0);
        Runtime.getRuntime().addShutdownHook(new Thread(services::close));
        for (String name : services.names()) {
            System.out.println(name + ": " + services.endpoint(name) + "  WSDL: " + services.wsdl(name));
        }
        // The server's threads are daemons; the main thread keeps the process alive.
        new CountDownLatch(1).await();
    }
}

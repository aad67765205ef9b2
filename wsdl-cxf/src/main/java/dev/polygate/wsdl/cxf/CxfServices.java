package dev.polygate.wsdl.cxf;

import dev.polygate.wsdl.cxf.hosting.CxfHost;
import dev.polygate.wsdl.cxf.secured.SecureCalculatorService;
import dev.polygate.wsdl.cxf.shipments.ShipmentServices;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * Every Apache CXF backend of this module on one loopback HTTP server with a free port:
 *
 * <ul>
 *   <li>{@value #SECURE_TEXT}, {@value #SECURE_DIGEST}: a calculator behind WS-Security UsernameToken,
 *       PasswordText and PasswordDigest ({@link SecureCalculatorService}); {@value #SECURE_TEXT_SOAP12}: the
 *       PasswordText port on SOAP 1.2;</li>
 *   <li>{@value #SHIPMENTS}, {@value #SHIPMENTS_SOAP12}: document/literal wrapped with nested types, arrays,
 *       attributes, nillable, choice, enums, long and decimal precision, dateTime, base64Binary, a SOAP header
 *       and a declared fault, on SOAP 1.1 and 1.2;</li>
 *   <li>{@value #TRACKING}: document/literal bare;</li>
 *   <li>{@value #RATES}: rpc/literal.</li>
 * </ul>
 *
 * <p>Every endpoint serves its WSDL at {@code ?wsdl}. {@link #main} runs them as a process for modules that
 * must not load CXF themselves; {@link CxfServicesProcess} starts that process.
 */
public final class CxfServices implements AutoCloseable {

    /** The calculator requiring a UsernameToken with PasswordText. */
    public static final String SECURE_TEXT = "secure-text";
    /** The calculator requiring a UsernameToken with PasswordDigest, Nonce and Created. */
    public static final String SECURE_DIGEST = "secure-digest";
    /** The calculator requiring a UsernameToken with PasswordText, on SOAP 1.2. */
    public static final String SECURE_TEXT_SOAP12 = "secure-text12";

    /** Shipments on SOAP 1.1. */
    public static final String SHIPMENTS = "shipments";
    /** Shipments on SOAP 1.2. */
    public static final String SHIPMENTS_SOAP12 = "shipments12";
    /** Tracking: document/literal bare. */
    public static final String TRACKING = "tracking";
    /** Rates: rpc/literal. */
    public static final String RATES = "rates";

    private final CxfHost host;
    private final Map<String, String> paths;

    private CxfServices(CxfHost host, Map<String, String> paths) {
        this.host = host;
        this.paths = paths;
    }

    /** Publishes every service on a free loopback port. */
    public static CxfServices start() {
        return start(0);
    }

    /** Publishes every service on {@code 127.0.0.1:port}; 0 picks a free port. */
    public static CxfServices start(int port) {
        CxfHost host = CxfHost.start(port);
        Map<String, String> paths = new LinkedHashMap<>();
        try {
            SecureCalculatorService.publish(host, path(paths, SECURE_TEXT), path(paths, SECURE_DIGEST));
            SecureCalculatorService.publishSoap12(host, path(paths, SECURE_TEXT_SOAP12));
            ShipmentServices.publishDesk(host, path(paths, SHIPMENTS), path(paths, SHIPMENTS_SOAP12));
            ShipmentServices.publishTracking(host, path(paths, TRACKING));
            ShipmentServices.publishRates(host, path(paths, RATES));
        } catch (RuntimeException e) {
            host.close();
            throw e;
        }
        return new CxfServices(host, Collections.unmodifiableMap(paths));
    }

    private static String path(Map<String, String> paths, String name) {
        paths.put(name, "/" + name);
        return "/" + name;
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

    /** The port the server listens on. */
    public int port() {
        return host.port();
    }

    @Override
    public void close() {
        host.close();
    }

    /**
     * Runs every service until standard input closes, then stops. Prints {@code service NAME at URL} for each,
     * then {@code ready}, on standard output; logs go to standard error. The first argument is the port
     * (default: a free one).
     */
    public static void main(String[] args) throws IOException {
        try (CxfServices services = start(args.length > 0 ? Integer.parseInt(args[0]) : 0)) {
            for (String name : services.names()) {
                System.out.println("service " + name + " at " + services.endpoint(name));
            }
            System.out.println("ready");
            System.out.flush();
            InputStream in = System.in;
            while (in.read() >= 0) {
                // the parent holds the pipe open for as long as it needs the services
            }
        }
    }
}

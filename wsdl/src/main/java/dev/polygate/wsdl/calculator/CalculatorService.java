package dev.polygate.wsdl.calculator;

import dev.polygate.wsdl.hosting.EndpointHost;
import jakarta.xml.ws.Endpoint;
import jakarta.xml.ws.soap.SOAPBinding;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import javax.xml.namespace.QName;

/**
 * A running Calculator: the SOAP 1.1 port at {@code /calculator} and the SOAP 1.2 port at
 * {@code /calculator12} of one loopback HTTP server; {@code ?wsdl} on either serves the contract with both
 * addresses filled in.
 */
public final class CalculatorService implements AutoCloseable {

    /** Context path of the SOAP 1.1 port. */
    public static final String SOAP11_PATH = "/calculator";
    /** Context path of the SOAP 1.2 port. */
    public static final String SOAP12_PATH = "/calculator12";

    private static final QName SERVICE = new QName(CalculatorSoap.NAMESPACE, "Calculator");

    private final EndpointHost host;

    private CalculatorService(EndpointHost host) {
        this.host = host;
    }

    /** Starts the Calculator on a free loopback port. */
    public static CalculatorService start() {
        return start(0);
    }

    /** Starts the Calculator on {@code 127.0.0.1:port}; 0 picks a free port. */
    public static CalculatorService start(int port) {
        EndpointHost host = EndpointHost.start(port);
        try {
            publish(host, SOAP11_PATH, SOAP12_PATH);
        } catch (RuntimeException e) {
            host.close();
            throw e;
        }
        return new CalculatorService(host);
    }

    /** Publishes both Calculator ports on an existing host under the given context paths. */
    public static void publish(EndpointHost host, String soap11Path, String soap12Path) {
        Endpoint soap11 = Endpoint.create(SOAPBinding.SOAP11HTTP_BINDING, new CalculatorEndpoint());
        // Same implementation, other port of the same contract: JAX-WS picks the port named here.
        Endpoint soap12 = Endpoint.create(SOAPBinding.SOAP12HTTP_BINDING, new CalculatorEndpoint());
        soap12.setProperties(Map.of(
                Endpoint.WSDL_SERVICE, SERVICE,
                Endpoint.WSDL_PORT, new QName(CalculatorSoap.NAMESPACE, "CalculatorSoap12")));
        host.publish(List.of(soap11, soap12), List.of(soap11Path, soap12Path));
    }

    /** The SOAP 1.1 endpoint address. */
    public URI endpoint() {
        return host.uri(SOAP11_PATH);
    }

    /** The SOAP 1.2 endpoint address. */
    public URI soap12Endpoint() {
        return host.uri(SOAP12_PATH);
    }

    /** Where the contract is served. */
    public URI wsdl() {
        return URI.create(endpoint() + "?wsdl");
    }

    /** The port the server listens on. */
    public int port() {
        return host.port();
    }

    @Override
    public void close() {
        host.close();
    }

    /** Runs the Calculator until the process is stopped; the first argument is the port (default: free). */
    public static void main(String[] args) throws InterruptedException {
        CalculatorService service = start(args.length > 0 ? Integer.parseInt(args[0]) : 0);
        Runtime.getRuntime().addShutdownHook(new Thread(service::close));
        System.out.println("Calculator SOAP 1.1: " + service.endpoint());
        System.out.println("Calculator SOAP 1.2: " + service.soap12Endpoint());
        System.out.println("WSDL: " + service.wsdl());
        // The server's threads are daemons; the main thread keeps the process alive.
        new CountDownLatch(1).await();
    }
}

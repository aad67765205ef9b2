package dev.polygate.wsdl.cxf.hosting;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.apache.cxf.Bus;
import org.apache.cxf.BusFactory;
import org.apache.cxf.endpoint.Server;
import org.apache.cxf.jaxws.JaxWsServerFactoryBean;
import org.apache.cxf.transport.servlet.CXFNonSpringServlet;
import org.eclipse.jetty.ee11.servlet.ServletContextHandler;
import org.eclipse.jetty.ee11.servlet.ServletHolder;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

/**
 * One Jetty server on the loopback address with a free port, running CXF's servlet, on which CXF JAX-WS
 * endpoints are published under relative paths such as {@code /shipments}.
 *
 * <p>The port is bound before anything is published, so no port has to be guessed in advance; CXF's servlet
 * writes the address each request arrived at into the WSDL it serves. Every host has its own CXF bus, so two
 * hosts in one JVM share no endpoints, interceptors or caches. Closing it stops the endpoints, the server and
 * the bus.
 */
public final class CxfHost implements AutoCloseable {

    private final org.eclipse.jetty.server.Server jetty;
    private final Bus bus;
    private final List<Server> endpoints = new ArrayList<>();

    private CxfHost(org.eclipse.jetty.server.Server jetty, Bus bus) {
        this.jetty = jetty;
        this.bus = bus;
    }

    /** Starts a server on {@code 127.0.0.1:port}; port 0 picks a free one. */
    public static CxfHost start(int port) {
        Bus bus = BusFactory.newInstance().createBus();
        // Daemon threads, so a host somebody forgot to close cannot keep the JVM alive.
        QueuedThreadPool threads = new QueuedThreadPool(16, 2);
        threads.setName("cxf-backend");
        threads.setDaemon(true);
        org.eclipse.jetty.server.Server jetty = new org.eclipse.jetty.server.Server(threads);
        ServerConnector connector = new ServerConnector(jetty);
        connector.setHost("127.0.0.1");
        connector.setPort(port);
        jetty.addConnector(connector);

        CXFNonSpringServlet servlet = new CXFNonSpringServlet();
        servlet.setBus(bus);
        ServletHolder holder = new ServletHolder("cxf", servlet);
        // Initialised with the server, not on the first request, so it is ready before the first publish.
        holder.setInitOrder(0);
        ServletContextHandler context = new ServletContextHandler("/");
        context.addServlet(holder, "/*");
        jetty.setHandler(context);
        try {
            jetty.start();
        } catch (Exception e) {
            bus.shutdown(false);
            throw new IllegalStateException("cannot start a CXF host on 127.0.0.1:" + port, e);
        }
        return new CxfHost(jetty, bus);
    }

    /**
     * Publishes a JAX-WS implementation under {@code path}.
     *
     * @param configure adds to the factory before the endpoint is created: binding, interceptors, properties
     */
    public Server publish(String path, Object implementation, Consumer<JaxWsServerFactoryBean> configure) {
        JaxWsServerFactoryBean factory = new JaxWsServerFactoryBean();
        factory.setBus(bus);
        factory.setServiceClass(implementation.getClass());
        factory.setServiceBean(implementation);
        factory.setAddress(path);
        configure.accept(factory);
        Server endpoint = factory.create();
        endpoints.add(endpoint);
        return endpoint;
    }

    /** Publishes a JAX-WS implementation under {@code path} with CXF's defaults (SOAP 1.1). */
    public Server publish(String path, Object implementation) {
        return publish(path, implementation, factory -> { });
    }

    /** The absolute URI of a path on this host, e.g. {@code http://127.0.0.1:40123/shipments}. */
    public URI uri(String path) {
        return URI.create("http://127.0.0.1:" + port() + path);
    }

    /** The port the server listens on. */
    public int port() {
        return ((ServerConnector) jetty.getConnectors()[0]).getLocalPort();
    }

    @Override
    public void close() {
        for (Server endpoint : endpoints) {
            endpoint.destroy();
        }
        try {
            jetty.stop();
        } catch (Exception e) {
            throw new IllegalStateException("cannot stop the CXF host", e);
        } finally {
            bus.shutdown(true);
        }
    }
}

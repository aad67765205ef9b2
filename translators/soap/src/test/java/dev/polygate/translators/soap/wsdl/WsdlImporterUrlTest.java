package dev.polygate.translators.soap.wsdl;

import static dev.polygate.translators.soap.wsdl.Fixtures.TIMEOUT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.polygate.spi.ConfigException;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.xml.namespace.QName;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The fixtures served over HTTP, as services publish their descriptions: {@code ?wsdl} and {@code ?xsd=N}. */
class WsdlImporterUrlTest {
    private final Map<String, AtomicInteger> requests = new ConcurrentHashMap<>();
    private final CountDownLatch release = new CountDownLatch(1);
    private HttpServer server;
    private String base;

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setExecutor(Executors.newCachedThreadPool());
        Path fixtures = Fixtures.directory();
        server.createContext("/files/", exchange -> {
            count(exchange);
            Path file = fixtures.resolve(exchange.getRequestURI().getPath().substring("/files/".length()));
            send(exchange, Files.isRegularFile(file) ? 200 : 404, Files.isRegularFile(file) ? Files.readAllBytes(file)
                    : "<html>not here</html>".getBytes());
        });
        server.createContext("/svc", exchange -> {
            count(exchange);
            String query = String.valueOf(exchange.getRequestURI().getQuery());
            String name = query.equals("wsdl") ? "svc.wsdl" : query.startsWith("xsd=") ? "svc-" + query.substring(4)
                    + ".xsd" : "none";
            Path file = fixtures.resolve("url").resolve(name);
            send(exchange, Files.isRegularFile(file) ? 200 : 404,
                    Files.isRegularFile(file) ? Files.readAllBytes(file) : new byte[0]);
        });
        server.createContext("/moved", exchange -> {
            exchange.getResponseHeaders().add("Location", "/svc?wsdl");
            send(exchange, 301, new byte[0]);
        });
        server.createContext("/slow", exchange -> {
            try {
                release.await(30, TimeUnit.SECONDS); // never answers within the test's timeout
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            exchange.close();
        });
        server.start();
        base = "http://127.0.0.1:" + server.getAddress().getPort();
    }

    @AfterEach
    void stop() {
        release.countDown();
        server.stop(0);
    }

    @Test
    void queryStringSchemasResolveRelativeToTheServiceUrlAndEachIsFetchedOnce() throws Exception {
        WsdlDefinition wsdl = WsdlImporter.load(URI.create(base + "/svc?wsdl"), TIMEOUT);

        assertThat(wsdl.location()).isEqualTo(URI.create(base + "/svc?wsdl"));
        WsdlPort port = wsdl.port(null, null);
        assertThat(port.version()).isEqualTo(SoapVersion.SOAP_12);
        WsdlOperation echo = port.operation("echo").orElseThrow();
        assertThat(echo.style()).isEqualTo(WsdlOperation.Style.DOCUMENT_WRAPPED);
        assertThat(echo.soapAction()).isEqualTo("urn:echo:echo");
        WsdlImporterFileTest.assertEveryPartResolves(wsdl);
        assertThat(wsdl.schemas().getTypeByQName(new QName("urn:echo:model", "Message"))).isNotNull();
        assertThat(requests).containsOnlyKeys("/svc?wsdl", "/svc?xsd=1", "/svc?xsd=2");
        assertThat(requests.values()).allSatisfy(count -> assertThat(count).hasValue(1));
    }

    @Test
    void splitDocumentsOverHttpResolveAgainstEachDocumentUrl() throws Exception {
        WsdlDefinition wsdl = WsdlImporter.load(URI.create(base + "/files/split/main.wsdl"), TIMEOUT);

        assertThat(wsdl.port("OrderService", "OrdersPort").operation("PlaceOrder").orElseThrow().style())
                .isEqualTo(WsdlOperation.Style.DOCUMENT_WRAPPED);
        WsdlImporterFileTest.assertEveryPartResolves(wsdl);
        assertThat(requests).containsOnlyKeys("/files/split/main.wsdl", "/files/split/contract/interface.wsdl",
                "/files/split/contract/xsd/orders.xsd", "/files/split/contract/xsd/common.xsd",
                "/files/split/contract/xsd/customers/customers.xsd");
        assertThat(requests.values()).allSatisfy(count -> assertThat(count).hasValue(1));
    }

    @Test
    void redirectsAreFollowedAndTheFinalUrlIsTheBase() throws Exception {
        WsdlDefinition wsdl = WsdlImporter.load(URI.create(base + "/moved"), TIMEOUT);

        assertThat(wsdl.location()).isEqualTo(URI.create(base + "/svc?wsdl"));
        assertThat(wsdl.schemas().getTypeByQName(new QName("urn:echo:model", "Message"))).isNotNull();
    }

    @Test
    void notFoundNamesTheUrl() {
        assertThatThrownBy(() -> WsdlImporter.load(URI.create(base + "/files/none.wsdl"), TIMEOUT))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining(base + "/files/none.wsdl: HTTP 404 (not found)");
    }

    @Test
    void aMissingImportNamesItAndTheDocumentThatImportsIt() {
        assertThatThrownBy(() -> WsdlImporter.load(URI.create(base + "/files/url/broken-import.wsdl"), TIMEOUT))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining(base + "/files/url/missing.xsd: HTTP 404")
                .hasMessageContaining("in " + base + "/files/url/broken-import.wsdl");
    }

    @Test
    void aServerThatDoesNotAnswerTimesOutNamingTheUrl() {
        long started = System.nanoTime();
        assertThatThrownBy(() -> WsdlImporter.load(URI.create(base + "/slow?wsdl"), Duration.ofMillis(300)))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining(base + "/slow?wsdl: timed out");
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(5));
    }

    @Test
    void otherSchemesAreRefused() {
        assertThatThrownBy(() -> WsdlImporter.load(URI.create("ftp://example.com/a.wsdl"), TIMEOUT))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("ftp://example.com/a.wsdl: unsupported location");
    }

    private void count(HttpExchange exchange) {
        URI uri = exchange.getRequestURI();
        String key = uri.getRawPath() + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
        requests.computeIfAbsent(key, k -> new AtomicInteger()).incrementAndGet();
    }

    private static void send(HttpExchange exchange, int status, byte[] body) throws IOException {
        exchange.getResponseHeaders().add("Content-Type", "text/xml; charset=utf-8");
        exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
        exchange.getResponseBody().write(body);
        exchange.close();
    }
}

package dev.polygate.edge.auth;

import static org.assertj.core.api.Assertions.assertThat;

import dev.polygate.edge.testing.RunningGateway;
import dev.polygate.policies.auth.consumers.ApiKeyDigest;
import dev.polygate.wsdl.SoapServices;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The caller's identity forwarded to a SOAP backend: a REST client authenticated by an API key calls an operation of
 * a soap route whose {@code soapHeaders} map the forwarded identity headers to SOAP header elements, and the real
 * JAX-WS service receives them in {@code soap:Header}, with the caller's own copies of those headers ignored and the
 * key not sent on.
 */
class IdentityToSoapTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(10);
    private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();

    @TempDir
    static Path dir;
    static SoapServices services;
    static RunningGateway gateway;

    @BeforeAll
    static void start() throws Exception {
        services = SoapServices.start();
        gateway = RunningGateway.start(dir, null, """
                consumers:
                  - { name: alice, groups: [ staff, partners ], credentials: { apiKeys: [ { hash: "%s" } ] } }
                upstreams:
                  soap: { endpoints: [ "http://127.0.0.1:%d" ] }
                routes:
                  - name: tally
                    match: { prefix: /tally }
                    translator: soap
                    backend:
                      upstream: soap
                      wsdl: "%s"
                      prefix: /tally
                      package: soap.tally
                      soapHeaders:
                        x-consumer: "{urn:polygate:identity}Consumer"
                        x-consumer-groups: "{urn:polygate:identity}Groups"
                    policies:
                      - auth: { anyOf: [ { apiKey: { header: x-api-key } } ] }
                """.formatted(ApiKeyDigest.of("alice-key"), services.port(), services.wsdl(SoapServices.TALLY)));
    }

    @AfterAll
    static void stop() {
        if (gateway != null) {
            gateway.close();
        }
        if (services != null) {
            services.close();
        }
    }

    private static HttpResponse<String> add(String... headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + gateway.httpPort()
                + "/tally/Add")).timeout(TIMEOUT).header("content-type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"amount\":\"2.50\"}"));
        for (int i = 0; i < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        return CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String lastReceived() {
        List<String> received = services.received(SoapServices.TALLY);
        assertThat(received).isNotEmpty();
        return received.get(received.size() - 1);
    }

    @Test
    void theBackendReceivesTheCallersIdentityAsSoapHeadersAndNotTheKey() throws Exception {
        HttpResponse<String> answer = add("x-api-key", "alice-key", "x-consumer", "admin", "x-consumer-groups", "admins");
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        String envelope = lastReceived();
        String header = envelope.substring(0, envelope.indexOf("Body>"));
        assertThat(header).containsPattern("<(\\w+:)?Consumer xmlns(:\\w+)?=\"urn:polygate:identity\">alice</")
                .containsPattern("<(\\w+:)?Groups xmlns(:\\w+)?=\"urn:polygate:identity\">partners,staff</")
                .doesNotContain("admin").doesNotContain("alice-key");
        assertThat(envelope).contains(">2.50<");
    }

    @Test
    void aCallerWithoutAKeyIsRefusedAndItsForgedIdentityNeverReachesTheBackend() throws Exception {
        int before = services.received(SoapServices.TALLY).size();
        HttpResponse<String> refused = add("x-consumer", "alice");
        assertThat(refused.statusCode()).isEqualTo(401);
        assertThat(services.received(SoapServices.TALLY)).hasSize(before);
    }
}

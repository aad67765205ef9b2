package dev.polygate.interop;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.polygate.wsdl.cxf.CxfServicesProcess;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Apache CXF, a second SOAP stack, behind the built gateway: SOAP 1.1 and 1.2, bare and rpc/literal, and
 * WS-Security UsernameToken with PasswordText and PasswordDigest. CXF runs in a JVM of its own.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class SoapCxfThroughGatewayTest {
    @TempDir
    static Path dir;
    static CxfServicesProcess cxf;
    static GatewayProcess gateway;
    static SoapRest rest;

    @BeforeAll
    static void start() throws Exception {
        cxf = CxfServicesProcess.start();
        URI any = cxf.endpoint("shipments");
        StringBuilder routes = new StringBuilder();
        route(routes, "shipments", "shipments", "");
        route(routes, "shipments12", "shipments12", "");
        route(routes, "tracking", "tracking", "");
        route(routes, "rates", "rates", "");
        route(routes, "secure-text", "secure-text", ", wsSecurity: { username: alice, password: secret, digest: false }");
        route(routes, "secure-digest", "secure-digest", ", wsSecurity: { username: alice, password: secret, digest: true }");
        route(routes, "wrong-password", "secure-digest", ", wsSecurity: { username: alice, password: guess, digest: true }");
        Path config = dir.resolve("soap.yaml");
        Files.writeString(config, """
                reload: { watch: false }
                admin: { port: 0 }
                listeners:
                  - { name: http, address: 127.0.0.1, port: 0 }
                upstreams:
                  cxf: { endpoints: [ "http://%s:%d" ] }
                routes:
                """.formatted(any.getHost(), any.getPort()) + routes);
        gateway = GatewayProcess.start(List.of("-Xmx128m"), "run", "--config", config.toString());
        rest = new SoapRest("http://127.0.0.1:" + gateway.port("http"));
    }

    private static void route(StringBuilder routes, String name, String service, String extra) {
        routes.append("""
                  - { name: %s, match: { path: "/%s/**" }, translator: soap,
                      backend: { upstream: cxf, wsdl: "%s", prefix: /%s%s } }
                """.formatted(name, name, cxf.wsdl(service), name, extra));
    }

    @AfterAll
    static void stop() throws Exception {
        if (gateway != null) {
            gateway.close();
        }
        if (cxf != null) {
            cxf.close();
        }
    }

    @Test
    void shipmentsEchoOnSoap11AndSoap12() throws Exception {
        String shipment = """
                {"shipment":{"reference":"PG-9","priority":"express","trackingNumber":"9223372036854775807",
                  "sender":{"name":"Ada","address":{"country":"FR","street":"1 rue","city":"Nantes"}},
                  "parcel":[{"fragile":true,"weightGrams":"1200","declaredValue":"10.10"}],
                  "instructions":null,"locker":{"lockerId":"L-1","pin":1234},"status":"in-transit",
                  "insuredValue":"0.30","createdAt":"2025-06-01T10:00:00+02:00","label":"aGVsbG8="}}
                """;
        for (String prefix : List.of("/shipments", "/shipments12")) {
            HttpResponse<String> response = rest.post(prefix + "/Echo", shipment);
            assertThat(response.statusCode()).as(prefix + ": " + response.body()).isEqualTo(200);
            assertThat(SoapRest.json(response)).as(prefix).isEqualTo(SoapRest.json(shipment));
        }
    }

    @Test
    void aDeclaredCxfFaultKeepsItsDetail() throws Exception {
        for (String prefix : List.of("/shipments", "/shipments12")) {
            HttpResponse<String> response = rest.post(prefix + "/Find", "{\"reference\":\"nope\"}");
            assertThat(response.statusCode()).as(prefix + ": " + response.body()).isEqualTo(502);
            JsonNode problem = SoapRest.json(response);
            assertThat(problem.path("faultcode").asText()).isIn("Server", "Receiver");
            assertThat(problem.path("reason").asText()).isEqualTo("shipment nope not found");
            assertThat(problem.path("faultDetail").path("reference").asText()).as(response.body()).isEqualTo("nope");
            assertThat(problem.path("faultDetail").path("code").asInt()).isEqualTo(404);
        }
    }

    @Test
    void trackingIsBare() throws Exception {
        HttpResponse<String> response = rest.post("/tracking/Locate", "{\"withHistory\":true,\"reference\":\"PG-1\"}");
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(SoapRest.json(response)).isEqualTo(SoapRest.json(
                "{\"reference\":\"PG-1\",\"status\":\"in-transit\",\"event\":[\"label created\",\"picked up\"]}"));
    }

    @Test
    void ratesAreRpcLiteral() throws Exception {
        HttpResponse<String> response = rest.post("/rates/Quote",
                "{\"parcel\":{\"fragile\":true,\"weightGrams\":\"1500\"},\"ratePerKilogram\":\"3.10\"}");
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(SoapRest.json(response).path("price").asText()).isEqualTo("7.15");
    }

    @Test
    void usernameTokenWithTextAndDigestPasswords() throws Exception {
        for (String prefix : List.of("/secure-text", "/secure-digest")) {
            HttpResponse<String> response = rest.post(prefix + "/Add", "{\"a\":\"2\",\"b\":\"3\"}");
            assertThat(response.statusCode()).as(prefix + ": " + response.body()).isEqualTo(200);
            assertThat(SoapRest.json(response).path("sum").asText()).isEqualTo("5");
            HttpResponse<String> who = rest.post(prefix + "/WhoAmI", "{}");
            assertThat(who.statusCode()).as(prefix + ": " + who.body()).isEqualTo(200);
            assertThat(SoapRest.json(who).path("user").asText()).isEqualTo("alice");
        }
    }

    @Test
    void aWrongConfiguredPasswordIsTheGatewaysFaultCarryingWhatCxfSent() throws Exception {
        HttpResponse<String> response = rest.post("/wrong-password/Add", "{\"a\":\"2\",\"b\":\"3\"}");
        assertThat(response.headers().firstValue("content-type")).hasValue("application/problem+json");
        JsonNode problem = SoapRest.json(response);
        assertThat(problem.path("code").asText()).as(response.body()).isEqualTo("SOAP_FAULT");
        assertThat(problem.path("faultcode").asText()).as(response.body()).isEqualTo("FailedAuthentication");
        assertThat(problem.path("reason").asText()).as(response.body()).isNotEmpty();
        // the credentials come from the route's configuration, so the refusal is the gateway's, not the caller's
        assertThat(response.statusCode()).as(response.body()).isEqualTo(502);
    }
}

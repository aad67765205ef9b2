package dev.polygate.translators.soap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.polygate.spi.ConfigException;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The soap translator's backend section: defaults, every setting, and problems reported with their paths. */
class SoapRouteConfigTest {
    private static final Path CONFIG_DIR = Path.of("/etc/polygate");

    @Test
    void defaultsNeedAnUpstreamAndAWsdl() throws Exception {
        SoapRouteConfig config = SoapRouteConfig.parse(yaml("{ upstream: calc, wsdl: contracts/calculator.wsdl }"),
                CONFIG_DIR);
        assertThat(config.wsdl().toString()).isEqualTo("file:///etc/polygate/contracts/calculator.wsdl");
        assertThat(config.prefix()).isNull();
        assertThat(config.timeout()).isEqualTo(Duration.ofSeconds(30));
        assertThat(config.serverFaultStatus()).isEqualTo(502);
        assertThat(config.wsSecurity()).isNull();
        assertThat(config.connection().has("wsdl")).isFalse();
    }

    @Test
    void everySettingIsRead() throws Exception {
        SoapRouteConfig config = SoapRouteConfig.parse(yaml("""
                upstream: calc
                wsdl: "http://10.0.0.9:8080/calculator?wsdl"
                service: Calculator
                port: CalculatorSoap12
                path: /soap
                prefix: /calc
                operations: { Add: { method: get, path: "/calc/add/{intA}/{intB}" } }
                timeout: 2s
                maxMessageSize: 64KiB
                ignoreUnknownFields: true
                wsSecurity: { username: alice, password: secret, digest: true }
                faults: { serverStatus: 500 }
                """), CONFIG_DIR);
        assertThat(config.wsdl().toString()).isEqualTo("http://10.0.0.9:8080/calculator?wsdl");
        assertThat(config.service()).isEqualTo("Calculator");
        assertThat(config.port()).isEqualTo("CalculatorSoap12");
        assertThat(config.path()).isEqualTo("/soap");
        assertThat(config.prefix()).isEqualTo("/calc");
        assertThat(config.operations().get("Add")).isEqualTo(new SoapRouteConfig.OperationRoute("GET", "/calc/add/{intA}/{intB}"));
        assertThat(config.maxMessageBytes()).isEqualTo(64 * 1024);
        assertThat(config.ignoreUnknownFields()).isTrue();
        assertThat(config.wsSecurity())
                .isEqualTo(new WsSecurityConfig(WsSecurityConfig.Credentials.CONFIG, "alice", "secret", true));
        assertThat(config.serverFaultStatus()).isEqualTo(500);
    }

    @Test
    void everyProblemIsReportedWithItsPath() {
        assertThatThrownBy(() -> SoapRouteConfig.parse(yaml("""
                wsdl: ""
                prefix: calc
                operations: { Add: { method: FETCH, path: /x }, Sub: { path: nowhere } }
                timeout: soon
                wsSecurity: { username: alice }
                faults: { serverStatus: 200 }
                extra: 1
                """), CONFIG_DIR))
                .isInstanceOfSatisfying(ConfigException.class, e -> assertThat(e.problems())
                        .extracting(ConfigException.Problem::path)
                        .contains("upstream", "wsdl", "prefix", "operations.Add.method", "operations.Sub.path",
                                "timeout", "wsSecurity.password", "extra")
                        .anyMatch(path -> path.startsWith("faults")));
    }

    @Test
    void soapHeadersMapHttpHeaderNamesToPartsOrQualifiedElements() throws Exception {
        SoapRouteConfig config = SoapRouteConfig.parse(yaml("""
                upstream: calc
                wsdl: calculator.wsdl
                soapHeaders:
                  X-Tracking-Id: Tracking
                  X-Session: " {urn:example:session}SessionId "
                """), CONFIG_DIR);
        assertThat(config.soapHeaders()).containsExactly(java.util.Map.entry("X-Tracking-Id", "Tracking"),
                java.util.Map.entry("X-Session", "{urn:example:session}SessionId"));
        assertThat(SoapRouteConfig.parse(yaml("{ upstream: calc, wsdl: c.wsdl }"), CONFIG_DIR).soapHeaders()).isEmpty();
    }

    @Test
    void malformedSoapHeadersAreReportedWithTheirPaths() {
        assertThatThrownBy(() -> SoapRouteConfig.parse(yaml("""
                upstream: calc
                wsdl: calculator.wsdl
                soapHeaders:
                  "X Bad": Tracking
                  X-Twice: Tracking
                  x-twice: Other
                  X-Empty: ""
                  X-Colon: "ns:Tracking"
                  X-Open: "{urn:x"
                  X-Object: { a: 1 }
                """), CONFIG_DIR))
                .isInstanceOfSatisfying(ConfigException.class, e -> assertThat(e.problems())
                        .extracting(ConfigException.Problem::path)
                        .containsExactlyInAnyOrder("soapHeaders.X Bad", "soapHeaders.x-twice", "soapHeaders.X-Empty",
                                "soapHeaders.X-Colon", "soapHeaders.X-Open", "soapHeaders.X-Object"));
        assertThatThrownBy(() -> SoapRouteConfig.parse(yaml("{ upstream: calc, wsdl: c.wsdl, soapHeaders: [a] }"),
                CONFIG_DIR)).isInstanceOf(ConfigException.class).hasMessageContaining("soapHeaders");
    }

    private static JsonNode yaml(String text) throws Exception {
        return new YAMLMapper().readTree(text);
    }
}

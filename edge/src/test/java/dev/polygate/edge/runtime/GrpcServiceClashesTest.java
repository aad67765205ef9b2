package dev.polygate.edge.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.polygate.edge.config.ConfigLoader;
import dev.polygate.edge.config.GatewayConfig;
import dev.polygate.edge.server.GatewayServer;
import dev.polygate.spi.ConfigException;
import dev.polygate.wsdl.SoapServices;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two WSDLs that both declare a service {@code Calculator} (the classic Calculator and the Tally service), each on a
 * soap route: as {@code gateway check} and start-up see it, they clash unless one route names another package,
 * while one contract on several routes is fine.
 */
@Timeout(60)
class GrpcServiceClashesTest {
    @TempDir
    static Path dir;
    static SoapServices services;

    @BeforeAll
    static void start() {
        services = SoapServices.start();
    }

    @AfterAll
    static void stop() {
        services.close();
    }

    private static RoutingSnapshot build(String tallyExtra) throws ConfigException {
        GatewayConfig config = ConfigLoader.parse("""
                upstreams:
                  soap: { endpoints: [ "http://127.0.0.1:%d" ] }
                routes:
                  - name: calculator
                    match: { prefix: /calculator }
                    translator: soap
                    backend: { upstream: soap, wsdl: "%s", prefix: /calculator }
                  - name: calculator-again
                    match: { prefix: /again }
                    translator: soap
                    backend: { upstream: soap, wsdl: "%s", prefix: /again }
                  - name: tally
                    match: { prefix: /tally }
                    translator: soap
                    backend: { upstream: soap, wsdl: "%s", prefix: /tally%s }
                """.formatted(services.port(), services.wsdl(SoapServices.CALCULATOR),
                services.wsdl(SoapServices.CALCULATOR), services.wsdl(SoapServices.TALLY), tallyExtra), null, dir);
        return RoutingSnapshot.build(config, Extensions.load(), GatewayServer.contextFor(config));
    }

    @Test
    void twoContractsUnderOneServiceNameAreRefusedNamingBothRoutes() {
        assertThatThrownBy(() -> build("")).isInstanceOfSatisfying(ConfigException.class,
                e -> assertThat(e.problems()).containsExactly(new ConfigException.Problem("routes[2].backend",
                        "route 'tally' and route 'calculator' (routes[0]) both expose the gRPC service "
                                + "soap.calculator.Calculator from different contracts, and gRPC clients could reach "
                                + "only one of them: give one route another package (for a soap route: "
                                + "backend.package)")));
    }

    @Test
    void anotherPackageResolvesItAndOneContractOnTwoRoutesIsFine() throws Exception {
        try (RoutingSnapshot snapshot = build(", package: soap.tally")) {
            assertThat(snapshot.describe()).hasSize(3);
        }
    }
}

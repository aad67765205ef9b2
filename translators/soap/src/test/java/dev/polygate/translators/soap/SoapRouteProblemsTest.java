package dev.polygate.translators.soap;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.polygate.spi.ConfigException;
import dev.polygate.spi.GatewayShared;
import dev.polygate.spi.RoutePaths;
import dev.polygate.spi.Translator;
import dev.polygate.spi.TranslatorContext;
import dev.polygate.spi.TransportKind;
import dev.polygate.spi.UpstreamConfig;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * What the soap translator reports about its section when it is built: every problem at once, each at a key
 * that exists, and what the route's paths leave unreachable (the test Calculator: service Calculator, operations
 * Add, Divide and Reset, REST prefix /calculator by default, gRPC service soap.calculator.Calculator).
 */
class SoapRouteProblemsTest {
    private static final Path WSDL_DIRECTORY = wsdlDirectory();

    @Test
    void everyProblemOfTheSectionIsReportedAtOnce() {
        assertThat(problems("""
                upstream: nowhere
                wsdl: calculator.wsdl
                service: Calculater
                timeout: soon
                """, null)).extracting(ConfigException.Problem::path)
                .containsExactlyInAnyOrder("upstream", "service", "timeout");
    }

    @Test
    void theServiceAndPortAreReportedAtTheirOwnKeys() {
        assertThat(problems("{ upstream: calc, wsdl: calculator.wsdl, service: Calculater }", null))
                .singleElement().satisfies(p -> {
                    assertThat(p.path()).isEqualTo("service");
                    assertThat(p.message()).contains("no service 'Calculater'", "Calculator");
                });
        assertThat(problems("{ upstream: calc, wsdl: calculator.wsdl, port: CalculatorSoap13 }", null))
                .extracting(ConfigException.Problem::path).containsExactly("port");
    }

    @Test
    void anOperationsEntryMustNameAnOperationWithItsExactCase() {
        assertThat(problems("""
                upstream: calc
                wsdl: calculator.wsdl
                operations:
                  add: { path: /calculator/plus }
                  Sum: { path: /calculator/sum }
                """, null)).containsExactlyInAnyOrder(
                new ConfigException.Problem("operations.add", "port CalculatorSoap has no operation 'add'; did you mean"
                        + " 'Add'? (names are case-sensitive)"),
                new ConfigException.Problem("operations.Sum", "port CalculatorSoap has no operation 'Sum'; its"
                        + " operations: Add, Divide, Reset"));
    }

    @Test
    void aBadOperationPathIsReportedAtThatPath() {
        assertThat(problems("""
                upstream: calc
                wsdl: calculator.wsdl
                operations:
                  Add: { method: GET, path: "/calculator/add/{sum}" }
                  Divide: { path: "/calculator/{" }
                """, null)).extracting(ConfigException.Problem::path)
                .containsExactlyInAnyOrder("operations.Add.path", "operations.Divide.path");
    }

    @Test
    void routePathsThatDoNotCoverTheRestPrefixAreAnError() {
        assertThat(problems("{ upstream: calc, wsdl: calculator.wsdl }", paths("/calc/**")))
                .containsExactly(new ConfigException.Problem("prefix", "the route's paths (/calc/**) do not cover the"
                        + " REST prefix /calculator (the default, from the service's name): no request could reach any"
                        + " operation; add /calculator/** to the route's match paths or set prefix"));
        assertThat(problems("{ upstream: calc, wsdl: calculator.wsdl, prefix: /calc }", paths("/calculator/Add")))
                .singleElement().satisfies(p -> {
                    assertThat(p.path()).isEqualTo("prefix");
                    assertThat(p.message()).contains("REST prefix /calc:", "any operation");
                });
        assertThat(problems("{ upstream: calc, wsdl: calculator.wsdl }", paths("/calculator/Add")))
                .singleElement().satisfies(p -> assertThat(p.message()).contains("operations Divide, Reset"));
    }

    @Test
    void anOperationPathOutsideTheRoutePathsIsAnError() {
        assertThat(problems("""
                upstream: calc
                wsdl: calculator.wsdl
                operations: { Add: { method: GET, path: "/sum/{intA}/{intB}" } }
                """, paths("/calculator/**"))).containsExactly(new ConfigException.Problem("operations.Add.path",
                "'/sum/{intA}/{intB}' is outside the route's paths (/calculator/**); no request could reach operation"
                        + " Add"));
    }

    @Test
    void aGrpcPathMustNameTheRoutesService() {
        assertThat(problems("{ upstream: calc, wsdl: calculator.wsdl }",
                paths("/calculator/**", "/soap.calc.Calculator/*"))).containsExactly(new ConfigException.Problem(
                "routes[0].match.paths[1]", "'/soap.calc.Calculator/*' is the gRPC path of service"
                        + " soap.calc.Calculator, which is not in this route's SOAP service (soap.calculator.Calculator);"
                        + " no call on it could be answered"));
    }

    @Test
    void aRouteForGrpcClientsAloneNeedsNoRestPath() throws Exception {
        new SoapTranslatorFactory().create(new YAMLMapper().readTree("{ upstream: calc, wsdl: calculator.wsdl }"),
                new Context(paths("/soap.calculator.Calculator/*"))).close();
    }

    @Test
    void aRouteWhosePathsReachEveryOperationIsBuilt() throws Exception {
        Translator translator = new SoapTranslatorFactory().create(new YAMLMapper().readTree("""
                upstream: calc
                wsdl: calculator.wsdl
                operations: { Add: { method: GET, path: "/calculator/add/{intA}/{intB}" } }
                """), new Context(paths("/calculator/**", "/soap.calculator.Calculator/*")));
        translator.close();
    }

    private static List<ConfigException.Problem> problems(String yaml, RoutePaths paths) {
        try {
            new SoapTranslatorFactory().create(new YAMLMapper().readTree(yaml), new Context(paths)).close();
        } catch (ConfigException e) {
            return e.problems();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
        throw new AssertionError("expected the section to be refused");
    }

    /** Route paths written as templates ({@code *} one segment, {@code **} the rest) at routes[0].match.paths. */
    private static RoutePaths paths(String... templates) {
        List<RoutePaths.Entry> entries = new java.util.ArrayList<>();
        for (int i = 0; i < templates.length; i++) {
            entries.add(new RoutePaths.Entry("routes[0].match.paths[" + i + "]", false, templates[i]));
        }
        List<Pattern> patterns = entries.stream().map(e -> Pattern.compile(e.value().replace(".", "\\.")
                .replace("/**", "\0").replace("*", "[^/]+").replace("\0", "(/.*)?"))).toList();
        return new RoutePaths() {
            @Override
            public List<Entry> entries() {
                return entries;
            }

            @Override
            public boolean matches(String path) {
                return patterns.stream().anyMatch(p -> p.matcher(path).matches());
            }
        };
    }

    private record Context(RoutePaths paths, GatewayShared shared) implements TranslatorContext {
        Context(RoutePaths paths) {
            this(paths, new GatewayShared());
        }

        @Override
        public Optional<UpstreamConfig> upstream(String name) {
            return name.equals("calc") ? Optional.of(new UpstreamConfig(name, List.of(URI.create("http://127.0.0.1:1")),
                    UpstreamConfig.UpstreamTls.DEFAULT, Duration.ofSeconds(1), Duration.ofSeconds(30), 8))
                    : Optional.empty();
        }

        @Override
        public Optional<RoutePaths> routePaths() {
            return Optional.ofNullable(paths);
        }

        @Override
        public Path configDirectory() {
            return WSDL_DIRECTORY;
        }

        @Override
        public TransportKind transport() {
            return TransportKind.NIO;
        }
    }

    private static Path wsdlDirectory() {
        try {
            return Path.of(SoapRouteProblemsTest.class.getResource("wsdl/calculator.wsdl").toURI()).getParent();
        } catch (java.net.URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}

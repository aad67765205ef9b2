package dev.polygate.edge;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code gateway check} on a file with problems of every kind: of the file itself, of translators' sections (http,
 * soap with its WSDL, grpc with its schema, api-docs) and of what the routes' paths could never reach. Every problem
 * is listed in one run, sorted by YAML path, each at a key of the file.
 */
class CheckCommandTest {
    private static final String MANY_PROBLEMS = """
            colour: blue
            paths: { parameters: drop }
            listeners:
              - { name: web, port: 70000 }
            upstreams:
              calc: { endpoints: [ "http://127.0.0.1:1" ] }
              shop: { endpoints: [ "h2c://127.0.0.1:1" ], idle: 5s }
            routes:
              - name: web
                match: { path: "/web/**" }
                backend: { upstream: nowhere }
              - name: calculator
                match: { paths: [ "/calc/**", "/soap.calc.Calculator/*" ] }
                translator: soap
                backend:
                  upstream: calc
                  wsdl: calculator.wsdl
                  timeout: soon
                  operations:
                    add: { path: /calc/add }
                    Divide: { method: GET, path: "/div/{intA}/{intB}" }
              - name: calculator12
                match: { prefix: /calculator12 }
                translator: soap
                backend: { upstream: calc, wsdl: calculator.wsdl, service: Calculater }
              - name: greeter
                match: { paths: [ "/v1/greeter/**", "/demo.greeter.v1.Greeters/*" ] }
                translator: grpc
                backend:
                  upstream: shop
                  schema: { descriptorSets: [ services.pb ] }
                  timeout: soon
              - name: docs
                match: { prefix: /docs }
                translator: api-docs
                backend: { route: nowhere, colour: red }
              - name: web
                match: { path: "nowhere" }
                backend: { upstream: calc }
            """;

    @TempDir
    Path dir;

    @BeforeEach
    void filesTheConfigurationNames() throws Exception {
        copy("dev/polygate/wsdl/calculator/calculator.wsdl", dir.resolve("calculator.wsdl"));
        copy("dev/polygate/proto/polygate-services.pb", dir.resolve("services.pb"));
    }

    @Test
    void everyProblemOfTheFileIsListedSortedByItsPath() throws Exception {
        Path file = dir.resolve("gateway.yaml");
        Files.writeString(file, MANY_PROBLEMS);
        Run check = gateway("check", file);
        List<String> report = check.err().lines().toList();

        assertThat(check.status()).isEqualTo(1);
        assertThat(check.out()).isEmpty();
        assertThat(report).containsExactly(
                "DIR/gateway.yaml: invalid (17 problems)",
                "  colour: unknown key; expected one of dataDir, listeners, admin, limits, accessLog, drainTimeout,"
                        + " reload, policyTimeout, policies, consumers, upstreams, routes, trustedProxies, paths",
                "  listeners[0].port: must be between 0 and 65535, was 70000",
                "  paths.parameters: must be one of keep, strip, refuse, was 'drop'",
                "  routes[0].backend.upstream: there is no upstream named 'nowhere' in 'upstreams'; configured: calc,"
                        + " shop",
                "  routes[1].backend.operations.Divide.path: '/div/{intA}/{intB}' is outside the route's paths"
                        + " (/calc/**, /soap.calc.Calculator/*); no request could reach operation Divide",
                "  routes[1].backend.operations.add: port CalculatorSoap has no operation 'add'; did you mean 'Add'?"
                        + " (names are case-sensitive)",
                "  routes[1].backend.prefix: the route's paths (/calc/**, /soap.calc.Calculator/*) do not cover the"
                        + " REST prefix /calculator (the default, from the service's name): no request could reach"
                        + " operations Add, Subtract, Multiply; add /calculator/** to the route's match paths or set"
                        + " prefix",
                "  routes[1].backend.timeout: 'soon' is not a duration; write e.g. 250ms, 5s, 2m or 1h",
                "  routes[1].match.paths[1]: '/soap.calc.Calculator/*' is the gRPC path of service"
                        + " soap.calc.Calculator, which is not in this route's SOAP service (soap.calculator.Calculator);"
                        + " no call on it could be answered",
                "  routes[2].backend.service: file://DIR/calculator.wsdl: no service 'Calculater' with a SOAP port;"
                        + " services: [{http://tempuri.org/}Calculator]",
                "  routes[3].backend.timeout: 'soon' is not a duration; write e.g. 250ms, 5s, 2m or 1h",
                "  routes[3].match.paths[1]: '/demo.greeter.v1.Greeters/*' is the gRPC path of service"
                        + " demo.greeter.v1.Greeters, which is not in the route's services or schema"
                        + " (demo.greeter.v1.Greeter, polygate.test.v1.KitchenSink, polygate.test.v1.Library); no call"
                        + " on it could be answered",
                "  routes[4].backend.colour: unknown setting; the api-docs translator takes only route",
                "  routes[4].backend.route: no route is named 'nowhere'",
                "  routes[5].match.path: must start with /",
                "  routes[5].name: duplicate route name 'web'",
                "  upstreams.shop.idle: unknown key; expected one of endpoints, tls, connectTimeout, idleTimeout,"
                        + " maxConnectionsPerLoop");
        // Each path is a key written in the file, but for a key left to its default that a problem is about.
        JsonNode yaml = new YAMLMapper().readTree(MANY_PROBLEMS);
        List<String> notInFile = new ArrayList<>();
        for (String line : report.subList(1, report.size())) {
            String path = line.substring(2, line.indexOf(": "));
            if (!isInFile(yaml, path)) {
                notInFile.add(path);
            }
        }
        assertThat(notInFile).containsExactly("routes[1].backend.prefix");
    }

    @Test
    void runRefusesAnInvalidFileWithEveryProblemAsCheckDoes() throws Exception {
        Path file = dir.resolve("gateway.yaml");
        Files.writeString(file, """
                listeners: [ { port: 70000 } ]
                routes:
                  - { name: web, match: { prefix: /web }, backend: { upstream: nowhere } }
                """);
        Run run = gateway("run", file);
        assertThat(run.status()).isEqualTo(1);
        assertThat(run.err().lines()).containsExactly(
                "DIR/gateway.yaml: invalid (2 problems)",
                "  listeners[0].port: must be between 0 and 65535, was 70000",
                "  routes[0].backend.upstream: there is no upstream named 'nowhere' in 'upstreams'; configured: none");
    }

    @Test
    void aValidFileIsSaidToBeValid() throws Exception {
        // The second route strips /soap, so its translator sees /calculator/Add for /soap/calculator/Add: what it
        // sees is not what its match paths say, and they are not held against its REST paths.
        Path file = dir.resolve("gateway.yaml");
        Files.writeString(file, """
                listeners: [ { port: 0 } ]
                upstreams: { calc: { endpoints: [ "http://127.0.0.1:1" ] } }
                routes:
                  - name: calculator
                    match: { paths: [ "/calculator/**", "/soap.calculator.Calculator/*" ] }
                    translator: soap
                    backend: { upstream: calc, wsdl: calculator.wsdl, operations: { Add: { path: /calculator/sum } } }
                  - name: calculator-stripped
                    match: { prefix: /soap }
                    stripPrefix: /soap
                    translator: soap
                    backend: { upstream: calc, wsdl: calculator.wsdl }
                """);
        Run check = gateway("check", file);
        assertThat(check.err()).isEmpty();
        assertThat(check.status()).isZero();
        assertThat(check.out()).isEqualTo("DIR/gateway.yaml: valid (1 listeners, 1 upstreams, 2 routes)\n");
    }

    /** What a command printed, with the test's directory written {@code DIR}. */
    private record Run(int status, String out, String err) {
    }

    private Run gateway(String command, Path config) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = Main.run(List.of(command, "--config", config.toString()), new PrintStream(out, true),
                new PrintStream(err, true));
        return new Run(status, out.toString(StandardCharsets.UTF_8).replace(dir.toString(), "DIR"),
                err.toString(StandardCharsets.UTF_8).replace(dir.toString(), "DIR"));
    }

    /** Whether the file has a value at a YAML path such as {@code routes[1].backend.prefix}. */
    private static boolean isInFile(JsonNode root, String path) {
        JsonNode node = root;
        Matcher step = Pattern.compile("\\[(\\d+)]|[^.\\[]+").matcher(path);
        while (step.find() && node != null) {
            node = step.group(1) != null ? node.get(Integer.parseInt(step.group(1))) : node.get(step.group());
        }
        return node != null && !node.isMissingNode() && !node.isNull();
    }

    private static void copy(String resource, Path target) throws Exception {
        try (InputStream in = CheckCommandTest.class.getClassLoader().getResourceAsStream(resource)) {
            Files.copy(in, target);
        }
    }
}

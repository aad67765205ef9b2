package dev.polygate.edge;

import dev.polygate.certs.CertsCommand;
import dev.polygate.edge.config.ConfigLoader;
import dev.polygate.edge.config.GatewayConfig;
import dev.polygate.edge.config.ListenerConfig;
import dev.polygate.edge.runtime.ConfigCheck;
import dev.polygate.edge.runtime.ConfigReloader;
import dev.polygate.edge.server.GatewayServer;
import dev.polygate.policies.auth.hashing.HashCommand;
import dev.polygate.spi.ConfigException;
import java.io.BufferedReader;
import java.io.Console;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.ServiceLoader;
import java.util.concurrent.CountDownLatch;
import java.util.function.Consumer;

/**
 * The command line: {@code demo}, {@code run}, {@code check}, {@code certs}, {@code hash-key},
 * {@code hash-password} and {@code version}.
 */
public final class Main {
    private static final String USAGE = """
            Usage: gateway <command> [options]

            Commands:
              demo                 start the gateway with its built-in demo configuration and demo backend
              run --config FILE    run the gateway with a configuration file
              check --config FILE  validate a configuration file; exit status 1 and every problem when invalid
              certs ...            issue development certificates from the local CA (gateway certs --help)
              hash-key [KEY]       print the digest of an API key to write in a consumer's credentials
              hash-password        read a password and print its bcrypt (or --argon2id) hash for a consumer
              version              print the version (also --version)

            Run 'gateway <command> --help' for the options of a command.
            """;

    private Main() {
    }

    public static void main(String[] args) throws Exception {
        // Leak tracking samples allocations and costs measurable throughput; tests run it at paranoid
        // level instead. Set -Dio.netty.leakDetection.level to turn it back on in production.
        if (System.getProperty("io.netty.leakDetection.level") == null) {
            System.setProperty("io.netty.leakDetection.level", "disabled");
        }
        System.exit(run(Arrays.asList(args), System.out, System.err));
    }

    static int run(List<String> args, PrintStream out, PrintStream err) throws Exception {
        if (args.isEmpty() || isHelp(args.get(0))) {
            out.print(USAGE);
            return args.isEmpty() ? 2 : 0;
        }
        List<String> rest = args.subList(1, args.size());
        return switch (args.get(0)) {
            case "demo" -> demo(rest, out, err);
            case "run" -> runConfig(rest, out, err);
            case "check" -> check(rest, out, err);
            case "certs" -> CertsCommand.run(rest, out, err);
            case "hash-key" -> HashCommand.hashKey(rest, Main::readSecret, out, err);
            case "hash-password" -> HashCommand.hashPassword(rest, Main::readSecret, out, err);
            case "version", "--version" -> {
                out.println("polygate " + Version.current());
                yield 0;
            }
            default -> {
                err.println("unknown command '" + args.get(0) + "'");
                err.print(USAGE);
                yield 2;
            }
        };
    }

    /** A secret from the terminal without echo, or else one line of standard input; null at its end. */
    private static String readSecret() {
        Console console = System.console();
        if (console != null) {
            char[] typed = console.readPassword("secret: ");
            return typed == null ? null : new String(typed);
        }
        try {
            return new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
        } catch (IOException e) {
            return null;
        }
    }

    private static int check(List<String> args, PrintStream out, PrintStream err) {
        if (args.contains("--help") || args.contains("-h")) {
            out.println("Usage: gateway check --config FILE\n\nValidates the file (YAML, every key, files it names,"
                    + " routes, translators and policies) without binding any port.");
            return 0;
        }
        Path file = configOption(args, err);
        if (file == null) {
            return 2;
        }
        ConfigCheck.Result result = ConfigCheck.of(file, GatewayServer::contextFor);
        if (!result.problems().isEmpty()) {
            return invalid(file, result.problems(), err);
        }
        GatewayConfig config = result.config();
        out.println(file + ": valid (" + config.listeners().size() + " listeners, " + config.upstreams().size()
                + " upstreams, " + config.routes().size() + " routes)");
        return 0;
    }

    private static int invalid(Path file, List<ConfigException.Problem> problems, PrintStream err) {
        err.println(file + ": invalid (" + problems.size() + " problem" + (problems.size() == 1 ? "" : "s") + ")");
        problems.forEach(p -> err.println("  " + p));
        return 1;
    }

    private static int runConfig(List<String> args, PrintStream out, PrintStream err) throws Exception {
        if (args.contains("--help") || args.contains("-h")) {
            out.println("Usage: gateway run --config FILE\n\nRuns the gateway. SIGHUP or saving the file reloads routes,"
                    + " upstreams and policies; SIGTERM or Ctrl-C drains in-flight exchanges, then stops.");
            return 0;
        }
        Path file = configOption(args, err);
        if (file == null) {
            return 2;
        }
        GatewayConfig config;
        try {
            config = ConfigLoader.load(file);
        } catch (ConfigException e) {
            // What check would say: the file's problems and those of its routes, all at once.
            return invalid(file, ConfigCheck.of(file, GatewayServer::contextFor).problems(), err);
        }
        return serve(config, file, out, err, null, server -> { });
    }

    private static int demo(List<String> args, PrintStream out, PrintStream err) throws Exception {
        if (args.contains("--help") || args.contains("-h")) {
            out.println("Usage: gateway demo [--http-port N] [--https-port N] [--admin-port N]\n\n"
                    + "Starts the demo backends (HTTP, gRPC and SOAP) and the gateway in front of them (defaults 8080, 8443,"
                    + " admin 9901). The demo ships in its own jar, polygate-demo.jar (module demo).");
            return 0;
        }
        int http = intOption(args, "--http-port", 8080);
        int https = intOption(args, "--https-port", 8443);
        int admin = intOption(args, "--admin-port", 9901);
        EmbeddedBackends demo = ServiceLoader.load(EmbeddedBackends.class).findFirst().orElse(null);
        if (demo == null) {
            err.println("the demo is not part of this jar: it ships as polygate-demo.jar (the gateway and its demo"
                    + " backends). Run ./gateway demo from the source tree, or build it with"
                    + " 'mvn -B -DskipTests package -pl demo -am' and run 'java -jar demo/target/polygate-demo.jar demo'");
            return 2;
        }
        EmbeddedBackends.Started started = demo.start();
        String yaml = started.configuration()
                .replace("${HTTP_PORT}", Integer.toString(http))
                .replace("${HTTPS_PORT}", Integer.toString(https))
                .replace("${ADMIN_PORT}", Integer.toString(admin));
        GatewayConfig config;
        try {
            config = ConfigLoader.parse(yaml, null, Path.of("").toAbsolutePath());
        } catch (ConfigException e) {
            err.println("the demo configuration is invalid:");
            e.problems().forEach(p -> err.println("  " + p));
            closeQuietly(started.backends());
            return 1;
        }
        out.println(started.summary());
        return serve(config, null, out, err, started.backends(), server -> printDemoUrls(server, out));
    }

    private static int serve(GatewayConfig config, Path file, PrintStream out, PrintStream err, AutoCloseable extra,
                             Consumer<GatewayServer> started) throws Exception {
        GatewayServer server;
        try {
            server = GatewayServer.start(config);
        } catch (ConfigException e) {
            err.println("invalid configuration:");
            e.problems().forEach(p -> err.println("  " + p));
            closeQuietly(extra);
            return 1;
        } catch (IOException e) {
            err.println("cannot start: " + e.getMessage());
            closeQuietly(extra);
            return 1;
        }
        printSummary(server, out);
        started.accept(server);
        ConfigReloader reloader = null;
        if (file != null) {
            reloader = new ConfigReloader(file, server::reload, out);
            reloader.start(config.watchFile());
        }
        CountDownLatch stopped = new CountDownLatch(1);
        ConfigReloader finalReloader = reloader;
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            out.println("shutting down: draining in-flight exchanges (up to " + config.drainTimeout().toSeconds() + "s)");
            server.close();
            try {
                if (finalReloader != null) {
                    finalReloader.close();
                }
                if (extra != null) {
                    extra.close();
                }
            } catch (Exception ignored) {
                // the process is ending
            }
            out.println("stopped");
            out.flush();
            stopped.countDown();
        }, "polygate-shutdown"));
        stopped.await();
        return 0;
    }

    private static void printSummary(GatewayServer server, PrintStream out) {
        GatewayConfig config = server.config();
        out.println("polygate started (" + server.transportName() + " transport)");
        for (ListenerConfig listener : config.listeners()) {
            String protocols = listener.tls() != null
                    ? (listener.http2() ? "TLS, ALPN h2 + http/1.1" : "TLS, http/1.1")
                    : (listener.http2() ? "HTTP/1.1 + h2c" : "HTTP/1.1");
            String mtls = listener.tls() == null ? "" : ", client certificates: "
                    + listener.tls().clientAuth().name().toLowerCase(java.util.Locale.ROOT);
            out.println("  listener " + listener.name() + " on " + listener.address() + ":" + server.port(listener.name())
                    + " (" + protocols + mtls + ")");
        }
        if (server.adminPort() > 0) {
            out.println("  admin on " + config.admin().address() + ":" + server.adminPort() + " (/live, /ready, /routes)");
        }
        for (String route : server.routeSummary()) {
            out.println("  route " + route);
        }
        if (server.devCaFile() != null) {
            out.println("  development CA: " + server.devCaFile().toAbsolutePath()
                    + "  (curl --cacert " + server.devCaFile().toAbsolutePath() + " https://localhost:...)");
        }
        out.flush();
    }

    /** What to try once the demo is up, with the ports it really listens on. */
    private static void printDemoUrls(GatewayServer server, PrintStream out) {
        String http = "http://localhost:" + server.port("http");
        out.println("try:");
        out.println("  curl " + http + "/api/hello");
        out.println("  curl " + http + "/v1/greeter/world                      # gRPC SayHello as REST/JSON");
        out.println("  curl -N \"" + http + "/v1/greeter/world/stream?count=5\"   # StreamGreetings, one JSON line each");
        out.println("  open " + http + "/demo/                                  # the Greeter from a browser, over gRPC-Web and WebSocket");
        out.println("  python3 -m websockets ws://localhost:" + server.port("http") + "/ws/echo      # WebSocket passthrough to an echo");
        out.println("  curl -H 'content-type: application/json' -d '{\"intA\":2,\"intB\":3}' " + http
                + "/calculator/Add   # SOAP Calculator as REST/JSON");
        out.flush();
    }

    private static void closeQuietly(AutoCloseable resource) {
        if (resource == null) {
            return;
        }
        try {
            resource.close();
        } catch (Exception ignored) {
            // the process is ending with the start-up error already reported
        }
    }

    private static Path configOption(List<String> args, PrintStream err) {
        int i = args.indexOf("--config");
        if (i < 0 || i + 1 >= args.size()) {
            err.println("missing --config FILE");
            return null;
        }
        return Path.of(args.get(i + 1));
    }

    private static int intOption(List<String> args, String name, int fallback) {
        int i = args.indexOf(name);
        return i >= 0 && i + 1 < args.size() ? Integer.parseInt(args.get(i + 1)) : fallback;
    }

    private static boolean isHelp(String arg) {
        return arg.equals("--help") || arg.equals("-h") || arg.equals("help");
    }
}

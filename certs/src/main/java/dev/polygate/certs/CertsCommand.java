package dev.polygate.certs;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.InvalidPathException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The {@code certs} subcommand of the gateway CLI: manages the development CA and issues
 * server and client certificates signed by it.
 *
 * <p>Exit codes: 0 on success (including {@code --help}), 1 when files cannot be read or
 * written, 2 on a usage error.
 */
public final class CertsCommand {

    private static final String USAGE = """
            Usage: polygate certs <command> [options]

            Commands:
              ca      Print the development CA certificate path, creating the CA if needed
              server  Issue a server certificate signed by the development CA
              client  Issue a client certificate signed by the development CA

              certs ca [--data-dir DIR]
              certs server --name HOST [--name HOST ...] [--ip ADDR ...] [--out DIR] [--days N]
                           [--data-dir DIR]
              certs client --cn NAME [--san NAME ...] [--out DIR] [--days N] [--data-dir DIR]

            Options:
              --name HOST     DNS name (repeatable); the first is the CN and the file name
              --ip ADDR       IPv4 or IPv6 address (repeatable)
              --cn NAME       Client common name, also the file name
              --san NAME      Client alternative name (repeatable): a DNS name, an e-mail address (with @)
                              or a URI (with :, e.g. spiffe://example.org/billing)
              --out DIR       Directory for <name>.pem and <name>-key.pem (default: current)
              --days N        Validity in days (default: %d)
              --data-dir DIR  Directory holding the development CA (default: %s)
              -h, --help      Show this help
            """.formatted(CertsCommand.DEFAULT_DAYS, DevCertificateAuthority.DEFAULT_DATA_DIR);

    private static final int OK = 0;
    private static final int FAILED = 1;
    private static final int USAGE_ERROR = 2;
    private static final int DEFAULT_DAYS = 365;

    private static final String NAME = "--name";
    private static final String IP = "--ip";
    private static final String CN = "--cn";
    private static final String SAN = "--san";
    private static final String OUT = "--out";
    private static final String DAYS = "--days";
    private static final String DATA_DIR = "--data-dir";
    private static final Set<String> REPEATABLE = Set.of(NAME, IP, SAN);

    private CertsCommand() {}

    /**
     * Runs the command.
     *
     * @param args the arguments after {@code certs}, starting with the command name
     * @param out receives usage text on {@code --help} and the paths of written files
     * @param err receives error messages
     * @return the exit code: 0 ok, 1 I/O failure, 2 usage error
     */
    public static int run(List<String> args, PrintStream out, PrintStream err) {
        if (args.stream().anyMatch(arg -> arg.equals("-h") || arg.equals("--help"))) {
            out.print(USAGE);
            return OK;
        }
        try {
            if (args.isEmpty()) {
                throw new UsageException("missing command");
            }
            String command = args.get(0);
            List<String> rest = args.subList(1, args.size());
            switch (command) {
                case "ca" -> ca(Options.parse(rest, Set.of(DATA_DIR)), out);
                case "server" -> server(Options.parse(rest, Set.of(NAME, IP, OUT, DAYS, DATA_DIR)),
                        out);
                case "client" -> client(Options.parse(rest, Set.of(CN, SAN, OUT, DAYS, DATA_DIR)), out);
                default -> throw new UsageException("unknown command '" + command + "'");
            }
            return OK;
        } catch (UsageException e) {
            err.println("certs: " + e.getMessage());
            err.print(USAGE);
            return USAGE_ERROR;
        } catch (IOException e) {
            err.println("certs: " + describe(e));
            return FAILED;
        }
    }

    /** NIO file exceptions carry only the path as their message, which reads as no reason. */
    private static String describe(IOException e) {
        String reason = e instanceof NoSuchFileException ? "no such file: "
                : e instanceof AccessDeniedException ? "permission denied: "
                : e instanceof FileAlreadyExistsException ? "file already exists: "
                : e instanceof FileSystemException ? e.getClass().getSimpleName() + ": "
                : "";
        return reason + e.getMessage();
    }

    private static void ca(Options options, PrintStream out)
            throws IOException, UsageException {
        DevCertificateAuthority ca = DevCertificateAuthority.loadOrCreate(options.dataDir());
        out.println(absolute(ca.caCertificateFile()));
    }

    private static void server(Options options, PrintStream out)
            throws IOException, UsageException {
        List<String> names = options.all(NAME);
        if (names.isEmpty()) {
            throw new UsageException("server needs at least one " + NAME);
        }
        Duration validity = options.validity();
        Path outDir = options.outDir();
        DevCertificateAuthority ca = DevCertificateAuthority.loadOrCreate(options.dataDir());
        IssuedCertificate issued;
        try {
            issued = ca.issueServer(names, options.all(IP), validity);
        } catch (IllegalArgumentException e) { // an invalid name or address given by the user
            throw new UsageException(e.getMessage());
        }
        write(issued, outDir, names.get(0), out);
    }

    private static void client(Options options, PrintStream out)
            throws IOException, UsageException {
        String commonName = options.single(CN);
        if (commonName == null || commonName.isBlank()) {
            throw new UsageException("client needs " + CN);
        }
        Duration validity = options.validity();
        Path outDir = options.outDir();
        DevCertificateAuthority ca = DevCertificateAuthority.loadOrCreate(options.dataDir());
        IssuedCertificate issued;
        try {
            issued = ca.issueClient(commonName, options.all(SAN), validity);
        } catch (IllegalArgumentException e) { // an invalid alternative name given by the user
            throw new UsageException(e.getMessage());
        }
        write(issued, outDir, commonName, out);
    }

    private static void write(IssuedCertificate issued, Path outDir, String name, PrintStream out)
            throws IOException {
        String stem = fileStem(name);
        Path certFile = absolute(outDir.resolve(stem + ".pem"));
        Path keyFile = absolute(outDir.resolve(stem + "-key.pem"));
        issued.writeTo(certFile, keyFile);
        out.println(certFile);
        out.println(keyFile);
    }

    /** Keeps names like "*.example.com" or a CN with '/' from escaping or breaking file names. */
    private static String fileStem(String name) {
        return name.replaceAll("[^A-Za-z0-9._-]", "_");
    }

    private static Path absolute(Path path) {
        return path.toAbsolutePath().normalize();
    }

    /** Parsed {@code --option value} pairs; {@code --option=value} is accepted too. */
    private record Options(Map<String, List<String>> values) {

        static Options parse(List<String> args, Set<String> allowed) throws UsageException {
            Map<String, List<String>> values = new HashMap<>();
            for (int i = 0; i < args.size(); i++) {
                String arg = args.get(i);
                int equals = arg.indexOf('=');
                boolean inline = arg.startsWith("--") && equals > 0;
                String name = inline ? arg.substring(0, equals) : arg;
                if (!allowed.contains(name)) {
                    throw new UsageException(arg.startsWith("-")
                            ? "unknown option '" + name + "'"
                            : "unexpected argument '" + arg + "'");
                }
                String value;
                if (inline) {
                    value = arg.substring(equals + 1);
                } else if (i + 1 < args.size() && !args.get(i + 1).startsWith("--")) {
                    value = args.get(++i);
                } else {
                    throw new UsageException("option " + name + " needs a value");
                }
                List<String> list = values.computeIfAbsent(name, key -> new ArrayList<>());
                if (!list.isEmpty() && !REPEATABLE.contains(name)) {
                    throw new UsageException("option " + name + " may be given only once");
                }
                list.add(value);
            }
            return new Options(values);
        }

        List<String> all(String name) {
            return values.getOrDefault(name, List.of());
        }

        String single(String name) {
            List<String> list = all(name);
            return list.isEmpty() ? null : list.get(0);
        }

        Path dataDir() throws UsageException {
            String dir = single(DATA_DIR);
            return dir == null ? DevCertificateAuthority.DEFAULT_DATA_DIR : path(DATA_DIR, dir);
        }

        Path outDir() throws UsageException {
            String dir = single(OUT);
            return dir == null ? Path.of("") : path(OUT, dir);
        }

        private static Path path(String option, String value) throws UsageException {
            try {
                return Path.of(value);
            } catch (InvalidPathException e) {
                throw new UsageException(option + " is not a valid path: " + e.getMessage());
            }
        }

        Duration validity() throws UsageException {
            String days = single(DAYS);
            if (days == null) {
                return Duration.ofDays(DEFAULT_DAYS);
            }
            try {
                int parsed = Integer.parseInt(days);
                if (parsed > 0) {
                    return Duration.ofDays(parsed);
                }
            } catch (NumberFormatException e) {
                // reported below, together with non-positive values
            }
            throw new UsageException(DAYS + " needs a positive whole number of days, not '"
                    + days + "'");
        }
    }

    private static final class UsageException extends Exception {
        UsageException(String message) {
            super(message);
        }
    }
}

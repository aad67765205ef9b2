package dev.polygate.interop;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/**
 * Where the gRPC-Web clients are: Node.js on the PATH, the npm project {@code interop-tests/web-clients} with its
 * dependencies installed ({@code install.sh}), and Debian's Chromium. In CI (the environment variable {@code CI} is
 * {@code true}) a missing tool fails the tests, since the CI script installs them; elsewhere the tests are skipped
 * with the same message, so a developer without a browser can still run the rest of the suite.
 */
final class WebClientTools {
    private WebClientTools() {
    }

    /** The npm project. */
    static Path project() {
        return Path.of(System.getProperty("polygate.webClients", "web-clients")).toAbsolutePath().normalize();
    }

    static Path buf() {
        return project().resolve("node_modules/.bin/buf");
    }

    static Path chromium() {
        String configured = System.getenv("POLYGATE_CHROMIUM");
        return Path.of(configured != null && !configured.isBlank() ? configured : "/usr/bin/chromium");
    }

    static String node() {
        for (String directory : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            Path candidate = Path.of(directory.isEmpty() ? "." : directory, "node");
            if (Files.isExecutable(candidate)) {
                return candidate.toString();
            }
        }
        return null;
    }

    /** Fails (in CI) or skips (elsewhere) unless every tool is there. */
    static void requireInstalled() {
        List<String> missing = new ArrayList<>();
        if (node() == null) {
            missing.add("node is not on the PATH");
        }
        if (!Files.isExecutable(buf()) || !Files.isDirectory(project().resolve("node_modules/@connectrpc/connect-web"))) {
            missing.add("the npm dependencies are not installed in " + project());
        }
        if (!Files.isExecutable(chromium())) {
            missing.add("Chromium is not at " + chromium());
        }
        failOrSkipIfMissing("gRPC-Web client tools", missing);
    }

    /** Fails (in CI) or skips (elsewhere) when {@code missing} names anything, pointing at install.sh. */
    static void failOrSkipIfMissing(String what, List<String> missing) {
        if (missing.isEmpty()) {
            return;
        }
        String message = what + " missing: " + String.join("; ", missing)
                + ". Run interop-tests/web-clients/install.sh (CI's script does).";
        if ("true".equalsIgnoreCase(System.getenv("CI"))) {
            Assertions.fail(message);
        }
        Assumptions.abort(message);
    }
}

package dev.polygate.policies.auth.jwt;

import dev.polygate.spi.ConfigNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * A secret named in the configuration but kept out of it: {@code { env: NAME }} reads an environment variable,
 * {@code { file: path }} a file (relative to the configuration's directory, one trailing line break dropped). A
 * plaintext value in the YAML is refused: configuration files end up in repositories and ConfigMaps.
 */
public final class SecretValue {
    private SecretValue() {
    }

    /**
     * The secret at {@code node}, or null when it could not be read (the problem is added to {@code node}).
     *
     * @param environment how environment variables are looked up ({@code System::getenv} in production)
     */
    public static String read(ConfigNode node, Path configDirectory, UnaryOperator<String> environment) {
        if (!node.isPresent()) {
            node.problem("is required");
            return null;
        }
        if (node.raw().isValueNode()) {
            node.problem("a secret is never written in the configuration; use { env: NAME } or { file: path }");
            return null;
        }
        node.expectObject(Set.of("env", "file"));
        String env = node.text("env", null);
        String file = node.text("file", null);
        if ((env == null) == (file == null)) {
            node.problem("name exactly one of env or file");
            return null;
        }
        if (env != null) {
            String value = environment.apply(env);
            if (value == null || value.isEmpty()) {
                node.get("env").problem("environment variable " + env + " is not set");
                return null;
            }
            return value;
        }
        try {
            String value = Files.readString(configDirectory.resolve(file), StandardCharsets.UTF_8);
            value = value.endsWith("\r\n") ? value.substring(0, value.length() - 2)
                    : value.endsWith("\n") ? value.substring(0, value.length() - 1) : value;
            if (value.isEmpty()) {
                node.get("file").problem("file " + file + " is empty");
                return null;
            }
            return value;
        } catch (IOException e) {
            node.get("file").problem("cannot read " + file + ": " + e.getMessage());
            return null;
        }
    }
}

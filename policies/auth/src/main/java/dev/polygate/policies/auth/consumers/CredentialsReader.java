package dev.polygate.policies.auth.consumers;

import dev.polygate.spi.ConfigException;
import dev.polygate.spi.ConfigNode;
import dev.polygate.spi.ConfigPaths;
import dev.polygate.spi.Consumer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * Reads the {@code credentials} section of every consumer into a {@link ConsumerCredentials}, reporting each problem
 * under its consumer's path ({@code consumers[2].credentials.apiKeys[0].file}): API keys given as a digest, a file
 * holding the key or an environment variable holding it (only their digests are kept), a Basic login with its
 * password hash, and client certificate names. A credential that two consumers share is an error, since it would
 * not tell who calls.
 */
final class CredentialsReader {
    static final List<String> OWN_KEYS = List.of("apiKeys", "basic", "certificates");

    private final Path directory;
    private final Function<String, String> environment;
    private final Set<String> allowedKeys;
    private final Map<ApiKeyDigest, Consumer> apiKeys = new HashMap<>();
    private final Map<String, BasicLogin> logins = new HashMap<>();
    private final Map<String, Consumer> subjects = new HashMap<>();
    private final Map<String, Consumer> alternativeNames = new HashMap<>();

    /**
     * @param directory   where relative file names are resolved
     * @param environment the process environment ({@code System::getenv}), variable name to value or null
     * @param otherKeys   keys of the section other authentication methods read
     */
    CredentialsReader(Path directory, Function<String, String> environment, Set<String> otherKeys) {
        this.directory = directory;
        this.environment = environment;
        Set<String> allowed = new LinkedHashSet<>(OWN_KEYS);
        allowed.addAll(otherKeys);
        this.allowedKeys = Set.copyOf(allowed);
    }

    /** Reads every consumer's credentials; the problems are added to {@code problems}, with paths in the file. */
    ConsumerCredentials read(List<Consumer> consumers, List<ConfigException.Problem> problems) {
        for (Consumer consumer : consumers) {
            ConfigNode section = ConfigNode.section(consumer.credentials());
            readOne(consumer, section);
            try {
                section.throwIfInvalid();
            } catch (ConfigException e) {
                problems.addAll(e.under(ConfigPaths.join(consumer.path(), "credentials")).problems());
            }
        }
        return new ConsumerCredentials(apiKeys, logins, subjects, alternativeNames);
    }

    private void readOne(Consumer consumer, ConfigNode section) {
        if (!section.expectObject(allowedKeys)) {
            return;
        }
        for (ConfigNode item : section.get("apiKeys").items()) {
            ApiKeyDigest digest = apiKey(item);
            if (digest != null) {
                Consumer earlier = apiKeys.putIfAbsent(digest, consumer);
                if (earlier != null) {
                    item.problem("the same API key as " + describe(earlier) + "; each key must name one consumer");
                }
            }
        }
        ConfigNode basic = section.get("basic");
        if (basic.expectObject(Set.of("username", "passwordHash"))) {
            login(consumer, basic);
        }
        for (ConfigNode item : section.get("certificates").items()) {
            certificate(consumer, item);
        }
    }

    private ApiKeyDigest apiKey(ConfigNode item) {
        if (!item.isPresent() || !item.raw().isObject()) {
            item.problem("must be one of { hash: \"sha256:...\" }, { file: path }, { env: NAME }");
            return null;
        }
        item.expectObject(Set.of("hash", "file", "env"));
        long given = Set.of("hash", "file", "env").stream().filter(key -> item.get(key).isPresent()).count();
        if (given != 1) {
            item.problem("give exactly one of hash, file, env");
            return null;
        }
        if (item.get("hash").isPresent()) {
            String hash = item.text("hash", null);
            return hash == null ? null : parseDigest(item.get("hash"), hash);
        }
        if (item.get("file").isPresent()) {
            String file = item.text("file", null);
            return file == null ? null : keyFromFile(item.get("file"), file);
        }
        String variable = item.text("env", null);
        if (variable == null) {
            return null;
        }
        String value = environment.apply(variable);
        if (value == null || value.isBlank()) {
            item.get("env").problem("environment variable " + variable + " is not set");
            return null;
        }
        return ApiKeyDigest.of(value.strip());
    }

    private static ApiKeyDigest parseDigest(ConfigNode node, String text) {
        try {
            return ApiKeyDigest.parse(text);
        } catch (IllegalArgumentException e) {
            node.problem(e.getMessage());
            return null;
        }
    }

    private ApiKeyDigest keyFromFile(ConfigNode node, String file) {
        Path path = directory.resolve(file);
        try {
            String key = Files.readString(path, StandardCharsets.UTF_8).strip();
            if (key.isEmpty()) {
                node.problem(path + " is empty");
                return null;
            }
            return ApiKeyDigest.of(key);
        } catch (IOException | RuntimeException e) {
            node.problem("cannot read " + path + ": " + e.getMessage());
            return null;
        }
    }

    private void login(Consumer consumer, ConfigNode basic) {
        String username = basic.requiredText("username");
        String hashText = basic.requiredText("passwordHash");
        PasswordHash hash = null;
        if (hashText != null) {
            try {
                hash = PasswordHash.parse(hashText);
            } catch (IllegalArgumentException e) {
                basic.get("passwordHash").problem(e.getMessage());
            }
        }
        if (username == null) {
            return;
        }
        if (username.isEmpty() || username.indexOf(':') >= 0) {
            basic.get("username").problem("must be non-empty and without ':' (RFC 7617)");
            return;
        }
        if (hash == null) {
            return;
        }
        BasicLogin earlier = logins.putIfAbsent(username, new BasicLogin(consumer, username, hash));
        if (earlier != null) {
            basic.get("username").problem("user name '" + username + "' is also " + describe(earlier.consumer())
                    + "'s");
        }
    }

    private void certificate(Consumer consumer, ConfigNode item) {
        if (!item.isPresent()) {
            item.problem("must be { subject: \"CN=...,O=...\" } or { san: name }");
            return;
        }
        if (!item.expectObject(Set.of("subject", "san"))) {
            return;
        }
        boolean subject = item.get("subject").isPresent();
        if (subject == item.get("san").isPresent()) {
            item.problem("give exactly one of subject, san");
            return;
        }
        String key = subject ? "subject" : "san";
        String text = item.text(key, null);
        if (text == null) {
            return;
        }
        if (text.isBlank()) {
            item.get(key).problem("must not be empty");
            return;
        }
        String name;
        try {
            name = subject ? CertificateNames.subject(text) : CertificateNames.alternative(text);
        } catch (IllegalArgumentException e) {
            item.get(key).problem("not a distinguished name such as \"CN=alice,O=Acme\": " + e.getMessage());
            return;
        }
        Consumer earlier = (subject ? subjects : alternativeNames).putIfAbsent(name, consumer);
        if (earlier != null) {
            item.get(key).problem("also names " + describe(earlier) + "; each certificate name must name one consumer");
        }
    }

    private static String describe(Consumer consumer) {
        return consumer.path() + " (" + consumer.name() + ")";
    }
}

package dev.polygate.policies.ratelimit.keys;

import dev.polygate.spi.ConfigNode;
import dev.polygate.spi.Exchange;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * What a limit counts by: one or more {@link KeyPart}s, joined. Written {@code consumer}, {@code ip},
 * {@code route}, {@code operation}, {@code header:<name>}, {@code claim:<name>}, or a list of them.
 */
public record KeySpec(List<KeyPart> parts) {
    private static final String NAMES = "consumer, ip, route, operation, header:<name>, claim:<name>";

    public KeySpec {
        parts = List.copyOf(parts);
    }

    /** Reads {@code section.key}, {@code consumer} when absent; problems are reported on the section. */
    public static KeySpec read(ConfigNode section, String key, String fallback) {
        ConfigNode node = section.get(key);
        List<String> names = node.isPresent() ? section.textList(key) : List.of(fallback);
        if (node.isPresent() && names.isEmpty()) {
            node.problem("must name at least one of " + NAMES);
        }
        List<KeyPart> parts = new ArrayList<>();
        for (String name : names) {
            KeyPart part = part(name.trim());
            if (part == null) {
                node.problem("'" + name + "' is not a key; expected " + NAMES);
            } else if (parts.contains(part)) {
                node.problem("'" + name + "' is named twice");
            } else {
                parts.add(part);
            }
        }
        return new KeySpec(parts);
    }

    private static KeyPart part(String name) {
        switch (name) {
            case "consumer":
                return new KeyPart.Consumer();
            case "ip":
                return new KeyPart.ClientAddress();
            case "route":
                return new KeyPart.Route();
            case "operation":
                return new KeyPart.Operation();
            default:
                break;
        }
        int colon = name.indexOf(':');
        String argument = colon < 0 ? "" : name.substring(colon + 1).trim();
        if (argument.isEmpty() || !argument.chars().allMatch(c -> c > 32 && c < 127)) {
            return null;
        }
        return switch (name.substring(0, colon)) {
            case "header" -> new KeyPart.Header(argument.toLowerCase(java.util.Locale.ROOT));
            case "claim" -> new KeyPart.Claim(argument);
            default -> null;
        };
    }

    /** This exchange's key: each part's {@code name=value}, joined by {@code |}. */
    public String of(Exchange exchange) {
        if (parts.size() == 1) {
            return parts.get(0).of(exchange);
        }
        StringBuilder key = new StringBuilder(64);
        for (KeyPart part : parts) {
            if (key.length() > 0) {
                key.append('|');
            }
            key.append(part.of(exchange));
        }
        return key.toString();
    }

    /** As written in the configuration, for keys of kept state. */
    public String describe() {
        return parts.stream().map(KeyPart::configName).collect(Collectors.joining(","));
    }
}

package dev.polygate.translators.soap;

import com.fasterxml.jackson.databind.JsonNode;
import dev.polygate.spi.ConfigException;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The {@code soapHeaders} key of a soap route's backend section: HTTP header name to SOAP header, e.g.
 * {@code X-Tracking-Id: Tracking} (a declared header part, by part name or element local name) or
 * {@code X-Session: "{urn:example:session}SessionId"} (any element). Only the form is checked here; whether a
 * plain name is declared is known once the WSDL is read ({@link HeadersFromHttp}).
 */
final class SoapHeadersSection {
    /** RFC 9110 field names: tokens. */
    private static final Pattern HTTP_NAME = Pattern.compile("[!#$%&'*+\\-.^_`|~0-9A-Za-z]+");
    /** An XML NCName, near enough: letters, digits and . - _ (no colon), not starting with a digit, . or -. */
    private static final Pattern LOCAL_NAME = Pattern.compile("[\\p{L}_][\\p{L}\\p{N}_.\\-\\u00B7]*");

    private SoapHeadersSection() {
    }

    /** The section as HTTP name → target, in the order written; problems are added for anything malformed. */
    static Map<String, String> parse(JsonNode node, List<ConfigException.Problem> problems) {
        Map<String, String> headers = new LinkedHashMap<>();
        if (node == null || node.isNull()) {
            return Map.of();
        }
        if (!node.isObject()) {
            problems.add(new ConfigException.Problem("soapHeaders",
                    "must map HTTP header names to SOAP headers, e.g. { X-Tracking-Id: Tracking }"));
            return Map.of();
        }
        Set<String> seen = new HashSet<>();
        node.fields().forEachRemaining(entry -> {
            String name = entry.getKey();
            String at = "soapHeaders." + name;
            JsonNode target = entry.getValue();
            if (!HTTP_NAME.matcher(name).matches()) {
                problems.add(new ConfigException.Problem(at, "is not an HTTP header name"));
            } else if (!seen.add(name.toLowerCase(Locale.ROOT))) {
                problems.add(new ConfigException.Problem(at, "is given twice (header names are case-insensitive)"));
            } else if (!target.isTextual() || !isTarget(target.asText().trim())) {
                problems.add(new ConfigException.Problem(at, "must name a declared header part or element, "
                        + "or any element as \"{namespace}local\""));
            } else {
                headers.put(name, target.asText().trim());
            }
        });
        return Collections.unmodifiableMap(headers);
    }

    /** Whether a target is a {@code {namespace}local} name. */
    static boolean isQualified(String target) {
        return target.startsWith("{");
    }

    private static boolean isTarget(String target) {
        if (!isQualified(target)) {
            return LOCAL_NAME.matcher(target).matches();
        }
        int end = target.indexOf('}');
        return end > 0 && LOCAL_NAME.matcher(target.substring(end + 1)).matches();
    }
}

package dev.polygate.translators.soap.schema;

import java.util.Locale;
import java.util.Set;

/**
 * Turns XML names (which may hold '-', '.', non-ASCII letters, start with a digit, ...) into proto identifiers:
 * {@code [A-Za-z_][A-Za-z0-9_]*}. Message names start upper-case, field names lower-case or '_', so a field
 * and a nested message of the same XML name never clash.
 */
final class Identifiers {
    /** Words the proto grammar gives a meaning to in field position; a field named so confuses some parsers. */
    private static final Set<String> KEYWORDS = Set.of("syntax", "import", "weak", "public", "package", "option",
            "optional", "required", "repeated", "group", "oneof", "map", "extensions", "reserved", "to", "max",
            "message", "enum", "service", "rpc", "stream", "returns", "extend", "true", "false", "inf", "nan",
            "double", "float", "int32", "int64", "uint32", "uint64", "sint32", "sint64", "fixed32", "fixed64",
            "sfixed32", "sfixed64", "bool", "string", "bytes", "edition");

    private Identifiers() {
    }

    /** {@code addRequest} → {@code AddRequest}, {@code 1st} → {@code X1st}, {@code a-b} → {@code A_b}. */
    static String messageName(String xmlName) {
        String id = sanitize(xmlName);
        char first = id.charAt(0);
        if (first >= 'a' && first <= 'z') {
            return Character.toUpperCase(first) + id.substring(1);
        }
        return first >= 'A' && first <= 'Z' ? id : "X" + id;
    }

    /** {@code intA} → {@code int_a}, {@code AddResult} → {@code add_result}, {@code HTTPPort} → {@code http_port}. */
    static String fieldName(String xmlName) {
        StringBuilder out = new StringBuilder();
        String id = sanitize(xmlName);
        for (int i = 0; i < id.length(); i++) {
            char c = id.charAt(i);
            boolean upper = c >= 'A' && c <= 'Z';
            if (upper && i > 0) {
                char previous = id.charAt(i - 1);
                boolean nextLower = i + 1 < id.length() && id.charAt(i + 1) >= 'a' && id.charAt(i + 1) <= 'z';
                boolean previousUpper = previous >= 'A' && previous <= 'Z';
                if (previous != '_' && (!previousUpper || nextLower)) {
                    out.append('_');
                }
            }
            out.append(Character.toLowerCase(c));
        }
        String name = collapseUnderscores(out.toString());
        if (name.isEmpty() || Character.isDigit(name.charAt(0))) {
            name = "_" + name;
        }
        return KEYWORDS.contains(name) ? name + "_" : name;
    }

    /** {@code ENUM_} prefix plus the literal in upper snake case: {@code a-b} → {@code SIZE_A_B}. */
    static String enumValueName(String enumPrefix, String literal) {
        String tail = fieldName(literal).toUpperCase(Locale.ROOT);
        return collapseUnderscores(enumPrefix + "_" + (tail.equals("_") ? "EMPTY" : tail));
    }

    /** {@code OrderStatus} → {@code ORDER_STATUS}. */
    static String upperSnake(String messageName) {
        return collapseUnderscores(fieldName(messageName).toUpperCase(Locale.ROOT)).replaceAll("_$", "");
    }

    /** protoc's default JSON name: drop each '_' and upper-case the letter after it. */
    static String defaultJsonName(String fieldName) {
        StringBuilder json = new StringBuilder();
        boolean upper = false;
        for (char c : fieldName.toCharArray()) {
            if (c == '_') {
                upper = true;
            } else {
                json.append(upper ? Character.toUpperCase(c) : c);
                upper = false;
            }
        }
        return json.toString();
    }

    /** The name protoc gives the entry message of map field {@code fieldName}. */
    static String mapEntryName(String fieldName) {
        String camel = defaultJsonName(fieldName);
        return Character.toUpperCase(camel.charAt(0)) + camel.substring(1) + "Entry";
    }

    private static String sanitize(String xmlName) {
        StringBuilder out = new StringBuilder();
        for (char c : xmlName.toCharArray()) {
            boolean ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
            out.append(ok ? c : '_');
        }
        String id = collapseUnderscores(out.toString());
        return id.isEmpty() ? "_" : id;
    }

    private static String collapseUnderscores(String s) {
        String collapsed = s.replaceAll("_{2,}", "_");
        return collapsed.length() > 1 && collapsed.endsWith("_") ? collapsed.substring(0, collapsed.length() - 1) : collapsed;
    }
}

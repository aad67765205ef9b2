package dev.polygate.translators.soap;

import java.util.Locale;

/** Protobuf identifiers from WSDL names (which may hold dots, dashes and leading digits). */
final class Names {
    private Names() {
    }

    static String identifier(String name) {
        StringBuilder out = new StringBuilder(name.length() + 1);
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            out.append(Character.isLetterOrDigit(c) && c < 128 || c == '_' ? c : '_');
        }
        if (out.length() == 0 || Character.isDigit(out.charAt(0))) {
            out.insert(0, '_');
        }
        return out.toString();
    }

    static String packageSegment(String name) {
        return identifier(name).toLowerCase(Locale.ROOT);
    }
}

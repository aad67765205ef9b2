package dev.polygate.policies.auth;

import dev.polygate.spi.ConfigNode;
import java.util.regex.Pattern;

/** The {@code realm} of a method's challenge: what a client shows its user, {@code polygate} unless configured. */
public final class Realms {
    public static final String DEFAULT = "polygate";
    private static final Pattern PRINTABLE = Pattern.compile("[\\x20-\\x7e&&[^\"\\\\]]+");

    private Realms() {
    }

    /** Reads {@code realm} from a method's section: printable ASCII without quotes or backslashes. */
    public static String read(ConfigNode section) {
        String realm = section.text("realm", DEFAULT);
        if (!PRINTABLE.matcher(realm).matches()) {
            section.get("realm").problem("must be printable ASCII without \" or \\");
            return DEFAULT;
        }
        return realm;
    }
}

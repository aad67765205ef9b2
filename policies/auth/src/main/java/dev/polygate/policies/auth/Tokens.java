package dev.polygate.policies.auth;

import java.util.regex.Pattern;

/** RFC 9110 tokens: what header, cookie and parameter names configured for authentication must be. */
public final class Tokens {
    private static final Pattern TOKEN = Pattern.compile("[!#$%&'*+\\-.^_`|~0-9A-Za-z]+");
    public static final String RULE = "letters, digits and !#$%&'*+-.^_`|~";

    private Tokens() {
    }

    public static boolean isToken(String name) {
        return TOKEN.matcher(name).matches();
    }
}

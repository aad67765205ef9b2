package dev.polygate.policies.auth.consumers;

import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.bouncycastle.crypto.generators.OpenBSDBCrypt;

/** A bcrypt hash, checked by BouncyCastle's {@link OpenBSDBCrypt}. */
record BcryptHash(String text) implements PasswordHash {
    private static final Pattern FORM = Pattern.compile("\\$2[aby]\\$(\\d\\d)\\$[./A-Za-z0-9]{53}");
    /** Beyond this a single check takes seconds: a typo rather than a choice. */
    static final int MAX_COST = 16;

    static BcryptHash parse(String text) {
        Matcher form = FORM.matcher(text);
        if (!form.matches()) {
            throw new IllegalArgumentException("not a bcrypt hash: expected $2a$, $2b$ or $2y$, a two-digit cost, $,"
                    + " and 53 characters of salt and hash");
        }
        int cost = Integer.parseInt(form.group(1));
        if (cost < 4 || cost > MAX_COST) {
            throw new IllegalArgumentException("bcrypt cost must be between 4 and " + MAX_COST + ", was " + cost);
        }
        return new BcryptHash(text);
    }

    @Override
    public boolean matches(String password) {
        try {
            return OpenBSDBCrypt.checkPassword(text, password.toCharArray());
        } catch (IllegalArgumentException unusable) {
            return false; // a password bcrypt cannot take (over 72 bytes) is not the one hashed
        }
    }

    @Override
    public String toString() {
        return "bcrypt";
    }
}

package dev.polygate.wsdl.cxf.secured;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;

/**
 * A {@code wsse:Security} header with a UsernameToken, written by hand as the gateway will write it (OASIS
 * UsernameToken Profile 1.0): PasswordDigest = Base64(SHA-1(nonce bytes + Created text + password)).
 */
record UsernameTokenHeader(String xml, String nonce, String created) {

    static final String WSSE = "http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-wssecurity-secext-1.0.xsd";
    static final String WSU = "http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-wssecurity-utility-1.0.xsd";
    private static final String PROFILE = "http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-username-token-profile-1.0";
    private static final String BASE64 = "http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-soap-message-security-1.0#Base64Binary";
    private static final SecureRandom RANDOM = new SecureRandom();

    /** PasswordText, with neither Nonce nor Created. */
    static UsernameTokenHeader text(String user, String password) {
        return new UsernameTokenHeader(security(user, "PasswordText", escape(password), ""), null, null);
    }

    /** PasswordDigest over a fresh 16-byte random nonce and Created = now. */
    static UsernameTokenHeader digest(String user, String password) {
        byte[] nonce = new byte[16];
        RANDOM.nextBytes(nonce);
        return digest(user, password, Base64.getEncoder().encodeToString(nonce),
                Instant.now().truncatedTo(ChronoUnit.MILLIS).toString());
    }

    /** PasswordDigest over a given nonce (base64) and Created. */
    static UsernameTokenHeader digest(String user, String password, String nonce, String created) {
        String extras = "<wsse:Nonce EncodingType=\"" + BASE64 + "\">" + nonce + "</wsse:Nonce>"
                + "<wsu:Created>" + created + "</wsu:Created>";
        return new UsernameTokenHeader(security(user, "PasswordDigest", digestOf(nonce, created, password), extras),
                nonce, created);
    }

    /** PasswordDigest over the password alone: a token without Nonce and Created. */
    static UsernameTokenHeader digestWithoutNonceAndCreated(String user, String password) {
        return new UsernameTokenHeader(security(user, "PasswordDigest", digestOf("", "", password), ""), null, null);
    }

    static String digestOf(String nonceBase64, String created, String password) {
        try {
            MessageDigest sha1 = MessageDigest.getInstance("SHA-1");
            sha1.update(Base64.getDecoder().decode(nonceBase64));
            sha1.update(created.getBytes(StandardCharsets.UTF_8));
            sha1.update(password.getBytes(StandardCharsets.UTF_8));
            return Base64.getEncoder().encodeToString(sha1.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String security(String user, String type, String password, String extras) {
        return "<wsse:Security xmlns:wsse=\"" + WSSE + "\" xmlns:wsu=\"" + WSU + "\""
                + " env:mustUnderstand=\"1\">"
                + "<wsse:UsernameToken wsu:Id=\"UsernameToken-1\">"
                + "<wsse:Username>" + escape(user) + "</wsse:Username>"
                + "<wsse:Password Type=\"" + PROFILE + "#" + type + "\">" + password + "</wsse:Password>"
                + extras
                + "</wsse:UsernameToken></wsse:Security>";
    }

    private static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
}

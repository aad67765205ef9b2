package dev.polygate.translators.soap.xml;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import javax.xml.namespace.QName;

/**
 * WS-Security UsernameToken headers (OASIS WSS 1.0 UsernameToken Profile): a {@code wsse:Security} header with
 * mustUnderstand, holding the user name and the password as text, or as a digest
 * {@code Base64(SHA-1(nonce + created + password))} with a fresh 16-byte nonce and {@code wsu:Created} now.
 */
public final class UsernameToken {
    public static final String WSSE = "http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-wssecurity-secext-1.0.xsd";
    public static final String WSU = "http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-wssecurity-utility-1.0.xsd";
    private static final String PROFILE = "http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-username-token-profile-1.0";
    public static final String PASSWORD_TEXT = PROFILE + "#PasswordText";
    public static final String PASSWORD_DIGEST = PROFILE + "#PasswordDigest";
    private static final String BASE64 = "http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-soap-message-security-1.0#Base64Binary";
    private static final DateTimeFormatter CREATED = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'");

    private UsernameToken() {
    }

    /**
     * wsse:Security header with mustUnderstand=1: PasswordText, or PasswordDigest = Base64(SHA-1(nonce + created +
     * password)) with a random 16-byte nonce and wsu:Created now (UTC, millis).
     */
    public static HeaderBlock header(String username, String password, boolean digest, Clock clock, SecureRandom random) {
        StringBuilder xml = new StringBuilder()
                .append("<wsse:Security xmlns:wsse=\"").append(WSSE).append("\" xmlns:wsu=\"").append(WSU).append("\">")
                .append("<wsse:UsernameToken>")
                .append("<wsse:Username>").append(escape(username)).append("</wsse:Username>");
        if (digest) {
            byte[] nonce = new byte[16];
            random.nextBytes(nonce);
            String created = CREATED.format(clock.instant().truncatedTo(ChronoUnit.MILLIS).atOffset(ZoneOffset.UTC));
            xml.append("<wsse:Password Type=\"").append(PASSWORD_DIGEST).append("\">")
                    .append(digest(nonce, created, password)).append("</wsse:Password>")
                    .append("<wsse:Nonce EncodingType=\"").append(BASE64).append("\">")
                    .append(Base64.getEncoder().encodeToString(nonce)).append("</wsse:Nonce>")
                    .append("<wsu:Created>").append(created).append("</wsu:Created>");
        } else {
            xml.append("<wsse:Password Type=\"").append(PASSWORD_TEXT).append("\">").append(escape(password))
                    .append("</wsse:Password>");
        }
        xml.append("</wsse:UsernameToken></wsse:Security>");
        return new HeaderBlock(new QName(WSSE, "Security"), null, xml.toString(), true);
    }

    static String digest(byte[] nonce, String created, String password) {
        try {
            MessageDigest sha1 = MessageDigest.getInstance("SHA-1");
            sha1.update(nonce);
            sha1.update(created.getBytes(StandardCharsets.UTF_8));
            sha1.update(password.getBytes(StandardCharsets.UTF_8));
            return Base64.getEncoder().encodeToString(sha1.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-1 is a required JDK algorithm", e);
        }
    }

    private static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}

package dev.polygate.wsdl.cxf.secured;

import dev.polygate.wsdl.cxf.hosting.CxfHost;
import jakarta.xml.ws.soap.SOAPBinding;
import java.util.HashMap;
import java.util.Map;
import org.apache.cxf.jaxws.JaxWsServerFactoryBean;
import org.apache.cxf.ws.security.SecurityConstants;
import org.apache.cxf.ws.security.wss4j.WSS4JInInterceptor;
import org.apache.wss4j.common.ConfigurationConstants;
import org.apache.wss4j.common.WSS4JConstants;
import org.apache.wss4j.common.cache.MemoryReplayCache;

/**
 * Publishes {@link SecureCalculator} twice behind CXF's {@link WSS4JInInterceptor}, each port requiring a
 * {@code wsse:UsernameToken} in a {@code wsse:Security} header:
 *
 * <ul>
 *   <li>the text port: {@code PasswordText}, the password in clear;</li>
 *   <li>the digest port: {@code PasswordDigest} = Base64(SHA-1(nonce bytes + Created text + password)), with
 *       {@code wsse:Nonce} and {@code wsu:Created} both required (WSS4J refuses a digest without them); a nonce
 *       seen before is refused (replay), and so is a Created older than five minutes.</li>
 * </ul>
 *
 * <p>Each port accepts only its own password type. The users are {@value #USER}/{@value #PASSWORD} and
 * {@value #OTHER_USER}/{@value #OTHER_PASSWORD}. A missing header, an unknown user, a wrong password, the other
 * password type, a stale Created or a replayed nonce is answered with HTTP 500 and a SOAP 1.1 fault whose
 * {@code faultcode} names the WS-Security reason in the {@code wsse} namespace, e.g. {@code wsse:FailedAuthentication}.
 * (Out of the box CXF hides the reason: {@code {http://ws.apache.org/wss4j}SecurityError}, "A security error was
 * encountered when verifying the message", whatever went wrong; these ports turn the reason on.)
 */
public final class SecureCalculatorService {

    /** A known user. */
    public static final String USER = "alice";
    /** {@link #USER}'s password. */
    public static final String PASSWORD = "secret";
    /** A second known user. */
    public static final String OTHER_USER = "bob";
    /** {@link #OTHER_USER}'s password. */
    public static final String OTHER_PASSWORD = "correct horse battery staple";

    private static final KnownUsers USERS = new KnownUsers(Map.of(USER, PASSWORD, OTHER_USER, OTHER_PASSWORD));

    private SecureCalculatorService() {
    }

    /** Publishes the PasswordText port under {@code textPath} and the PasswordDigest port under {@code digestPath}. */
    public static void publish(CxfHost host, String textPath, String digestPath) {
        host.publish(textPath, new SecureCalculator(), factory -> secure(factory, WSS4JConstants.PW_TEXT));
        host.publish(digestPath, new SecureCalculator(), factory -> secure(factory, WSS4JConstants.PW_DIGEST));
    }

    /**
     * Publishes a PasswordText port on SOAP 1.2 under {@code path}. Its refusals are Sender faults whose Subcode
     * names the WS-Security reason, e.g. {@code wsse:FailedAuthentication}.
     */
    public static void publishSoap12(CxfHost host, String path) {
        host.publish(path, new SecureCalculator(), factory -> {
            factory.setBindingId(SOAPBinding.SOAP12HTTP_BINDING);
            secure(factory, WSS4JConstants.PW_TEXT);
        });
    }

    private static void secure(JaxWsServerFactoryBean factory, String passwordType) {
        factory.getInInterceptors().add(usernameToken(passwordType));
        // One in-memory nonce cache per port: CXF's default is an Ehcache store under the temporary directory.
        Map<String, Object> properties = new HashMap<>();
        properties.put(SecurityConstants.NONCE_CACHE_INSTANCE, new MemoryReplayCache());
        // The fault names the WS-Security reason (wsse:FailedAuthentication, wsse:InvalidSecurity, ...); CXF's
        // default answers every refusal with one generic wss4j:SecurityError, which tells a test nothing.
        properties.put(SecurityConstants.RETURN_SECURITY_ERROR, Boolean.TRUE);
        factory.setProperties(properties);
    }

    private static WSS4JInInterceptor usernameToken(String passwordType) {
        Map<String, Object> config = new HashMap<>();
        config.put(ConfigurationConstants.ACTION, ConfigurationConstants.USERNAME_TOKEN);
        config.put(ConfigurationConstants.PASSWORD_TYPE, passwordType);
        config.put(ConfigurationConstants.PW_CALLBACK_REF, USERS);
        return new WSS4JInInterceptor(config);
    }
}

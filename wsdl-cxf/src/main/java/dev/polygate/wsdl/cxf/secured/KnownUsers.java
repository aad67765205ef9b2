package dev.polygate.wsdl.cxf.secured;

import java.util.Map;
import javax.security.auth.callback.Callback;
import javax.security.auth.callback.CallbackHandler;
import javax.security.auth.callback.UnsupportedCallbackException;
import org.apache.wss4j.common.ext.WSPasswordCallback;

/**
 * The users WSS4J checks UsernameTokens against. WSS4J asks for the stored password and compares it itself (as
 * text, or by recomputing the digest); a user it gets no password for fails authentication.
 */
final class KnownUsers implements CallbackHandler {

    private final Map<String, String> passwords;

    KnownUsers(Map<String, String> passwords) {
        this.passwords = Map.copyOf(passwords);
    }

    @Override
    public void handle(Callback[] callbacks) throws UnsupportedCallbackException {
        for (Callback callback : callbacks) {
            if (!(callback instanceof WSPasswordCallback password)) {
                throw new UnsupportedCallbackException(callback);
            }
            String stored = passwords.get(password.getIdentifier());
            if (stored != null) {
                password.setPassword(stored);
            }
        }
    }
}

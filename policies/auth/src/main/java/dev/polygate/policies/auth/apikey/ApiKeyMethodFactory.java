package dev.polygate.policies.auth.apikey;

import dev.polygate.policies.auth.AuthMethod;
import dev.polygate.policies.auth.AuthMethodFactory;
import dev.polygate.policies.auth.AuthSetup;
import dev.polygate.policies.auth.Realms;
import dev.polygate.policies.auth.Tokens;
import dev.polygate.spi.ConfigNode;
import java.util.Set;

/** {@code apiKey: { header: x-api-key }}, or {@code query: api_key}, or {@code cookie: name}: exactly one source. */
public final class ApiKeyMethodFactory implements AuthMethodFactory {
    @Override
    public String name() {
        return "apiKey";
    }

    @Override
    public AuthMethod create(ConfigNode section, AuthSetup setup) {
        section.expectObject(Set.of("header", "query", "cookie", "realm"));
        String realm = Realms.read(section);
        ApiKeySource source = source(section);
        return new ApiKeyMethod(source == null ? new ApiKeySource.Header("x-api-key") : source, setup.credentials(),
                realm);
    }

    private static ApiKeySource source(ConfigNode section) {
        String header = section.text("header", null);
        String query = section.text("query", null);
        String cookie = section.text("cookie", null);
        int given = (header == null ? 0 : 1) + (query == null ? 0 : 1) + (cookie == null ? 0 : 1);
        if (given != 1) {
            section.problem("give exactly one source: header, query or cookie, e.g. { header: x-api-key }");
            return null;
        }
        String key = header != null ? "header" : query != null ? "query" : "cookie";
        String name = header != null ? header : query != null ? query : cookie;
        if (!Tokens.isToken(name)) {
            section.get(key).problem("must be a name of " + Tokens.RULE);
            return null;
        }
        return header != null ? new ApiKeySource.Header(name)
                : query != null ? new ApiKeySource.Query(name) : new ApiKeySource.Cookie(name);
    }
}

package dev.polygate.policies.auth.introspection;

import dev.polygate.policies.auth.AuthMethod;
import dev.polygate.policies.auth.AuthMethodFactory;
import dev.polygate.policies.auth.AuthSetup;
import dev.polygate.policies.auth.Realms;
import dev.polygate.policies.auth.jwt.OffLoopHttp;
import dev.polygate.policies.auth.jwt.SecretValue;
import dev.polygate.policies.auth.jwt.TokenSource;
import dev.polygate.spi.ConfigNode;
import java.net.URI;
import java.time.Duration;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * {@code introspection}: opaque bearer tokens checked by an OAuth 2.0 authorization server's introspection endpoint
 * (RFC 7662). See the README's configuration reference.
 */
public final class IntrospectionMethodFactory implements AuthMethodFactory {
    private static final Set<String> KEYS = Set.of("url", "clientId", "clientSecret", "cacheFor", "timeout",
            "maxTokenSize", "from", "realm");

    private final UnaryOperator<String> environment;

    public IntrospectionMethodFactory() {
        this(System::getenv);
    }

    IntrospectionMethodFactory(UnaryOperator<String> environment) {
        this.environment = environment;
    }

    @Override
    public String name() {
        return "introspection";
    }

    @Override
    public AuthMethod create(ConfigNode section, AuthSetup setup) {
        section.expectObject(KEYS);
        URI url = OffLoopHttp.url(section, "url");
        String clientId = section.requiredText("clientId");
        String secret = SecretValue.read(section.get("clientSecret"), setup.context().configDirectory(), environment);
        Duration timeout = section.duration("timeout", Duration.ofSeconds(3));
        if (timeout.isZero()) {
            section.get("timeout").problem("must be longer than 0");
        }
        long maxTokenSize = section.size("maxTokenSize", 8192);
        IntrospectionSettings settings = new IntrospectionSettings(url, clientId, secret,
                section.duration("cacheFor", Duration.ofSeconds(60)), timeout.isZero() ? Duration.ofSeconds(3) : timeout,
                maxTokenSize, TokenSource.read(section.get("from")), Realms.read(section));
        IntrospectionClient client = url == null || clientId == null ? null
                : setup.context().keep("introspection:" + url + "#" + clientId, IntrospectionClient.class,
                        IntrospectionClient::new);
        return new IntrospectionMethod(settings, client, setup.consumers());
    }
}

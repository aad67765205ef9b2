package dev.polygate.policies.auth.basic;

import dev.polygate.policies.auth.AuthMethod;
import dev.polygate.policies.auth.AuthMethodFactory;
import dev.polygate.policies.auth.AuthSetup;
import dev.polygate.policies.auth.Realms;
import dev.polygate.spi.ConfigNode;
import java.time.Duration;
import java.util.Set;

/**
 * {@code basic: { realm: polygate, cacheTtl: 30s, cacheSize: 10000 }}: HTTP Basic against the consumers'
 * {@code credentials.basic} logins. {@code cacheTtl: 0} checks the hash on every request.
 */
public final class BasicMethodFactory implements AuthMethodFactory {
    static final Duration DEFAULT_TTL = Duration.ofSeconds(30);
    static final int DEFAULT_SIZE = 10_000;

    @Override
    public String name() {
        return "basic";
    }

    @Override
    public AuthMethod create(ConfigNode section, AuthSetup setup) {
        section.expectObject(Set.of("realm", "cacheTtl", "cacheSize"));
        String realm = Realms.read(section);
        Duration ttl = section.duration("cacheTtl", DEFAULT_TTL);
        int size = section.integer("cacheSize", DEFAULT_SIZE, 1, 10_000_000);
        return new BasicMethod(setup.credentials(), setup.blocking(), new RecentLogins(ttl, size), realm);
    }
}

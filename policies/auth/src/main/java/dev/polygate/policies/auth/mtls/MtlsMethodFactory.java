package dev.polygate.policies.auth.mtls;

import dev.polygate.policies.auth.AuthMethod;
import dev.polygate.policies.auth.AuthMethodFactory;
import dev.polygate.policies.auth.AuthSetup;
import dev.polygate.spi.ConfigNode;
import java.util.Set;

/**
 * {@code mtls: {}}: the client certificate verified by the listener ({@code tls.clientAuth: optional} or
 * {@code require}) against the consumers' {@code credentials.certificates}.
 */
public final class MtlsMethodFactory implements AuthMethodFactory {
    @Override
    public String name() {
        return "mtls";
    }

    @Override
    public AuthMethod create(ConfigNode section, AuthSetup setup) {
        section.expectObject(Set.of());
        return new MtlsMethod(setup.credentials());
    }
}

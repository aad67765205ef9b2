package dev.polygate.policies.auth.mtls;

import dev.polygate.policies.auth.AuthMethod;
import dev.polygate.policies.auth.AuthOutcome;
import dev.polygate.policies.auth.consumers.ConsumerCredentials;
import dev.polygate.spi.Consumer;
import dev.polygate.spi.Exchange;
import dev.polygate.spi.Principal;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * The client certificate the listener verified (mutual TLS), mapped to a consumer by its subject or one of its
 * alternative names. Without a certificate the method finds nothing; a verified certificate that names no consumer,
 * or names two, is refused. The principal's {@code sub} claim is the certificate's subject.
 */
final class MtlsMethod implements AuthMethod {
    private final ConsumerCredentials credentials;

    MtlsMethod(ConsumerCredentials credentials) {
        this.credentials = credentials;
    }

    @Override
    public CompletionStage<AuthOutcome> authenticate(Exchange exchange) {
        List<X509Certificate> chain = exchange.client().peerCertificates();
        if (chain.isEmpty()) {
            return CompletableFuture.completedFuture(AuthOutcome.absent());
        }
        return CompletableFuture.completedFuture(check(chain.get(0)));
    }

    private AuthOutcome check(X509Certificate leaf) {
        Set<Consumer> named;
        try {
            named = credentials.byCertificate(leaf);
        } catch (CertificateParsingException e) {
            return AuthOutcome.refused("the client certificate's alternative names cannot be read");
        }
        if (named.isEmpty()) {
            return AuthOutcome.refused("the client certificate names no consumer");
        }
        if (named.size() > 1) {
            return AuthOutcome.refused("the client certificate names more than one consumer");
        }
        Consumer consumer = named.iterator().next();
        return AuthOutcome.accepted(new Principal(consumer.name(), consumer.groups(), Set.of(),
                Map.of("sub", leaf.getSubjectX500Principal().getName()), "mtls"));
    }

    /** The challenge is the TLS handshake's: a listener with {@code clientAuth: optional} asks for a certificate. */
    @Override
    public String challenge() {
        return null;
    }

    /** A certificate travels with the connection, not in the request: nothing reaches the backend to remove. */
    @Override
    public void removeCredential(Exchange exchange) {
    }
}

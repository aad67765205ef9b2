package dev.polygate.edge.server;

import dev.polygate.certs.DevCertificateAuthority;
import dev.polygate.certs.PemFiles;
import dev.polygate.edge.config.TlsConfig;
import io.netty.handler.codec.http2.Http2SecurityUtil;
import io.netty.handler.ssl.ApplicationProtocolConfig;
import io.netty.handler.ssl.ApplicationProtocolNames;
import io.netty.handler.ssl.ClientAuth;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SupportedCipherSuiteFilter;
import io.netty.util.DomainWildcardMappingBuilder;
import io.netty.util.Mapping;
import java.io.IOException;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;

/** Builds a listener's TLS: one context per certificate, chosen by SNI, the first being the default. */
final class TlsContexts {
    private TlsContexts() {
    }

    /** The SNI mapping of a listener, plus the development CA file when the default certificate is used. */
    record ListenerTls(Mapping<String, SslContext> sni, Path devCaFile) {
    }

    static ListenerTls build(TlsConfig tls, Path dataDir, boolean http2) throws IOException {
        List<TlsConfig.CertificateConfig> certificates = tls.certificates();
        Path devCa = null;
        if (certificates.isEmpty()) {
            DevCertificateAuthority ca = DevCertificateAuthority.loadOrCreate(dataDir);
            var files = ca.ensureLocalhostServerCertificate();
            certificates = List.of(new TlsConfig.CertificateConfig(files.certificateChain(), files.privateKey(), List.of()));
            devCa = ca.caCertificateFile();
        }
        DomainWildcardMappingBuilder<SslContext> mapping = null;
        for (TlsConfig.CertificateConfig certificate : certificates) {
            List<X509Certificate> chain = PemFiles.readCertificates(certificate.certificateChain());
            PrivateKey key = PemFiles.readPrivateKey(certificate.privateKey());
            SslContext context = context(chain, key, tls, http2);
            if (mapping == null) {
                mapping = new DomainWildcardMappingBuilder<>(context);
            }
            List<String> names = certificate.serverNames().isEmpty() ? dnsNames(chain.get(0)) : certificate.serverNames();
            for (String name : names) {
                mapping.add(name, context);
            }
        }
        return new ListenerTls(mapping.build(), devCa);
    }

    private static SslContext context(List<X509Certificate> chain, PrivateKey key, TlsConfig tls, boolean http2)
            throws IOException {
        List<String> protocols = http2
                ? List.of(ApplicationProtocolNames.HTTP_2, ApplicationProtocolNames.HTTP_1_1)
                : List.of(ApplicationProtocolNames.HTTP_1_1);
        SslContextBuilder builder = SslContextBuilder.forServer(key, chain.toArray(X509Certificate[]::new))
                .protocols("TLSv1.3", "TLSv1.2")
                .ciphers(Http2SecurityUtil.CIPHERS, SupportedCipherSuiteFilter.INSTANCE)
                .applicationProtocolConfig(new ApplicationProtocolConfig(ApplicationProtocolConfig.Protocol.ALPN,
                        ApplicationProtocolConfig.SelectorFailureBehavior.NO_ADVERTISE,
                        ApplicationProtocolConfig.SelectedListenerFailureBehavior.ACCEPT, protocols));
        switch (tls.clientAuth()) {
            case OPTIONAL -> builder.clientAuth(ClientAuth.OPTIONAL);
            case REQUIRE -> builder.clientAuth(ClientAuth.REQUIRE);
            default -> builder.clientAuth(ClientAuth.NONE);
        }
        if (tls.clientCa() != null) {
            builder.trustManager(PemFiles.readCertificates(tls.clientCa()).toArray(X509Certificate[]::new));
        }
        return builder.build();
    }

    private static List<String> dnsNames(X509Certificate certificate) {
        List<String> names = new ArrayList<>();
        try {
            if (certificate.getSubjectAlternativeNames() != null) {
                for (List<?> san : certificate.getSubjectAlternativeNames()) {
                    if (Integer.valueOf(2).equals(san.get(0))) {
                        names.add(String.valueOf(san.get(1)));
                    }
                }
            }
        } catch (CertificateParsingException e) {
            // a certificate without readable names serves as the default only
        }
        return names;
    }
}

package dev.polygate.edge.testing;

import dev.polygate.certs.IssuedCertificate;
import dev.polygate.certs.PemFiles;
import java.net.Socket;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.Principal;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.List;
import javax.net.ssl.KeyManager;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedKeyManager;

/** Client-side TLS contexts for tests: trust one CA file, optionally present a client certificate. */
public final class TestTls {
    private static final String ALIAS = "client";

    private TestTls() {
    }

    public static SSLContext trusting(Path caFile) throws Exception {
        return withKeys(caFile, null);
    }

    public static SSLContext context(Path caFile, IssuedCertificate clientCertificate) throws Exception {
        return withKeys(caFile, clientCertificate == null ? null : keyManager(clientCertificate));
    }

    /**
     * Like {@link #context(Path, IssuedCertificate)}, but offers the certificate even when its issuer is not among
     * the CAs the server says it accepts (a client would otherwise send none), so the server's own check decides.
     */
    public static SSLContext presentingAnyway(Path caFile, IssuedCertificate clientCertificate) throws Exception {
        X509ExtendedKeyManager keys = keyManager(clientCertificate);
        return withKeys(caFile, new X509ExtendedKeyManager() {
            @Override
            public String chooseEngineClientAlias(String[] keyType, Principal[] issuers, SSLEngine engine) {
                return ALIAS;
            }

            @Override
            public String chooseClientAlias(String[] keyType, Principal[] issuers, Socket socket) {
                return ALIAS;
            }

            @Override
            public String[] getClientAliases(String keyType, Principal[] issuers) {
                return new String[] {ALIAS};
            }

            @Override
            public String[] getServerAliases(String keyType, Principal[] issuers) {
                return keys.getServerAliases(keyType, issuers);
            }

            @Override
            public String chooseServerAlias(String keyType, Principal[] issuers, Socket socket) {
                return keys.chooseServerAlias(keyType, issuers, socket);
            }

            @Override
            public X509Certificate[] getCertificateChain(String alias) {
                return keys.getCertificateChain(alias);
            }

            @Override
            public PrivateKey getPrivateKey(String alias) {
                return keys.getPrivateKey(alias);
            }
        });
    }

    private static X509ExtendedKeyManager keyManager(IssuedCertificate clientCertificate) throws Exception {
        KeyStore keys = KeyStore.getInstance("PKCS12");
        keys.load(null, null);
        keys.setKeyEntry(ALIAS, clientCertificate.privateKey(), new char[0],
                clientCertificate.chain().toArray(X509Certificate[]::new));
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(keys, new char[0]);
        return (X509ExtendedKeyManager) kmf.getKeyManagers()[0];
    }

    private static SSLContext withKeys(Path caFile, KeyManager keyManager) throws Exception {
        KeyStore trust = KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        List<X509Certificate> cas = PemFiles.readCertificates(caFile);
        for (int i = 0; i < cas.size(); i++) {
            trust.setCertificateEntry("ca" + i, cas.get(i));
        }
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(trust);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(keyManager == null ? null : new KeyManager[] {keyManager}, tmf.getTrustManagers(), null);
        return context;
    }
}

package dev.polygate.certs;

import static java.util.concurrent.TimeUnit.MILLISECONDS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Proves issued certificates work with the JDK's TLS stack, not just that they parse. */
@Timeout(30)
class TlsHandshakeTest {

    private static final int SOCKET_TIMEOUT_MILLIS = 5_000;
    private static final char[] PASSWORD = "unused".toCharArray();

    @TempDir
    Path dir;

    private DevCertificateAuthority ca;
    private IssuedCertificate server;

    @BeforeEach
    void issueFromPemFiles() throws Exception {
        ca = DevCertificateAuthority.loadOrCreate(dir.resolve("data"));
        IssuedCertificate issued = ca.issueServer(List.of("localhost"),
                List.of("127.0.0.1", "::1"), Duration.ofDays(1));
        // Go through the files, as the gateway will.
        Path certFile = dir.resolve("localhost.pem");
        Path keyFile = dir.resolve("localhost-key.pem");
        issued.writeTo(certFile, keyFile);
        server = new IssuedCertificate(PemFiles.readCertificates(certFile),
                PemFiles.readPrivateKey(keyFile));
    }

    @Test
    void clientTrustingOnlyTheCaVerifiesTheServerAndItsHostname() throws Exception {
        String peer = exchange(context(server, null), context(null, ca.caCertificate()),
                "localhost", false);

        assertThat(peer).isEqualTo("CN=localhost");
    }

    @Test
    void hostnameMismatchIsRejected() throws Exception {
        SSLContext clientContext = context(null, ca.caCertificate());

        assertThatThrownBy(() -> exchange(context(server, null), clientContext,
                "other.example.test", false))
                .isInstanceOf(SSLHandshakeException.class)
                .hasStackTraceContaining("other.example.test");
    }

    @Test
    void clientCertificateIsAcceptedForMutualTls() throws Exception {
        IssuedCertificate client = ca.issueClient("alice", Duration.ofDays(1));

        String peer = exchange(context(server, ca.caCertificate()),
                context(client, ca.caCertificate()), "localhost", true);

        assertThat(peer).isEqualTo("CN=alice");
    }

    /**
     * Serves one connection on loopback, connects to it as {@code hostname}, and echoes one byte.
     * Returns the subject the client saw for the server, or with {@code needClientAuth} the
     * subject the server saw for the client.
     */
    private static String exchange(SSLContext serverContext, SSLContext clientContext,
            String hostname, boolean needClientAuth) throws Exception {
        InetAddress loopback = InetAddress.getLoopbackAddress();
        ExecutorService executor = Executors.newSingleThreadExecutor();
        try (SSLServerSocket listener = (SSLServerSocket) serverContext.getServerSocketFactory()
                .createServerSocket(0, 1, loopback)) {
            listener.setSoTimeout(SOCKET_TIMEOUT_MILLIS);
            listener.setNeedClientAuth(needClientAuth);
            Future<String> served = executor.submit(() -> {
                try (SSLSocket socket = (SSLSocket) listener.accept()) {
                    socket.setSoTimeout(SOCKET_TIMEOUT_MILLIS);
                    InputStream in = socket.getInputStream();
                    OutputStream out = socket.getOutputStream();
                    out.write(in.read());
                    out.flush();
                    return needClientAuth ? socket.getSession().getPeerPrincipal().getName() : "";
                }
            });
            String serverSubject = connect(clientContext, loopback, listener.getLocalPort(),
                    hostname);
            // Only after the client has closed: closing a TLS socket waits for the peer's close.
            String clientSubject = served.get(SOCKET_TIMEOUT_MILLIS, MILLISECONDS);
            return needClientAuth ? clientSubject : serverSubject;
        } finally {
            executor.shutdownNow();
            assertThat(executor.awaitTermination(SOCKET_TIMEOUT_MILLIS, MILLISECONDS)).isTrue();
        }
    }

    /** Connects, echoes one byte, and returns the server's subject as the client saw it. */
    private static String connect(SSLContext clientContext, InetAddress address, int port,
            String hostname) throws Exception {
        // Connect by address, then name the peer for SNI and hostname checks: "localhost" may
        // resolve to ::1 first while the listener is bound to 127.0.0.1.
        try (Socket plain = new Socket()) {
            plain.connect(new InetSocketAddress(address, port), SOCKET_TIMEOUT_MILLIS);
            plain.setSoTimeout(SOCKET_TIMEOUT_MILLIS);
            try (SSLSocket socket = (SSLSocket) clientContext.getSocketFactory()
                    .createSocket(plain, hostname, port, true)) {
                SSLParameters parameters = socket.getSSLParameters();
                parameters.setEndpointIdentificationAlgorithm("HTTPS");
                socket.setSSLParameters(parameters);
                socket.startHandshake();
                socket.getOutputStream().write(42);
                socket.getOutputStream().flush();
                assertThat(socket.getInputStream().read()).isEqualTo(42);
                return socket.getSession().getPeerPrincipal().getName();
            }
        }
    }

    /** An SSLContext with an optional own certificate and an optional single trusted CA. */
    private static SSLContext context(IssuedCertificate own, X509Certificate trustedCa)
            throws Exception {
        KeyManagerFactory keyManagers = null;
        if (own != null) {
            KeyStore keys = KeyStore.getInstance("PKCS12");
            keys.load(null, null);
            keys.setKeyEntry("own", own.privateKey(), PASSWORD,
                    own.chain().toArray(X509Certificate[]::new));
            keyManagers = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            keyManagers.init(keys, PASSWORD);
        }
        TrustManagerFactory trustManagers = null;
        if (trustedCa != null) {
            KeyStore trusted = KeyStore.getInstance("PKCS12");
            trusted.load(null, null);
            trusted.setCertificateEntry("ca", trustedCa);
            trustManagers =
                    TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            trustManagers.init(trusted);
        }
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(keyManagers == null ? null : keyManagers.getKeyManagers(),
                trustManagers == null ? null : trustManagers.getTrustManagers(), null);
        return context;
    }
}

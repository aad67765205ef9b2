package dev.polygate.edge.websocket;

import dev.polygate.certs.DevCertificateAuthority;
import dev.polygate.certs.PemFiles;
import dev.polygate.certs.ServerCertificateFiles;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.eclipse.jetty.alpn.server.ALPNServerConnectionFactory;
import org.eclipse.jetty.http2.server.HTTP2CServerConnectionFactory;
import org.eclipse.jetty.http2.server.HTTP2ServerConnectionFactory;
import org.eclipse.jetty.server.ConnectionFactory;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.SslConnectionFactory;
import org.eclipse.jetty.util.ssl.SslContextFactory;
import org.eclipse.jetty.websocket.server.WebSocketUpgradeHandler;

/**
 * Jetty 12's WebSocket server over HTTP/2 only: a backend nobody here wrote that takes WebSockets by RFC 8441
 * extended CONNECT and nothing else, on an h2c connector (prior knowledge) or a TLS connector choosing h2 by ALPN.
 * Each session is a {@link JettyEchoSession} (its commands are described there). Without {@code connectProtocol} it
 * is a plain HTTP/2 server that does not advertise {@code SETTINGS_ENABLE_CONNECT_PROTOCOL}; {@link #http11OverTls}
 * is a TLS server whose ALPN offers HTTP/1.1 alone.
 */
public final class JettyHttp2WebSocketBackend implements AutoCloseable {
    private final Server server = new Server();
    private final ServerConnector connector;
    /** The code and reason of each Close a session received, as {@code "1001 reason"}. */
    final BlockingQueue<String> closesReceived = new LinkedBlockingQueue<>();
    /** Each session as it opens. */
    final BlockingQueue<JettyEchoSession> opened = new LinkedBlockingQueue<>();
    final AtomicLong flooded = new AtomicLong();
    final AtomicLong received = new AtomicLong();
    final Semaphore floodProgress = new Semaphore(0);
    final Semaphore receivedProgress = new Semaphore(0);

    /** h2c with prior knowledge. */
    JettyHttp2WebSocketBackend(boolean connectProtocol) throws Exception {
        this(connectProtocol, 128);
    }

    /** h2c with prior knowledge, at most {@code maxConcurrentStreams} streams a connection. */
    JettyHttp2WebSocketBackend(boolean connectProtocol, int maxConcurrentStreams) throws Exception {
        HTTP2CServerConnectionFactory h2c = new HTTP2CServerConnectionFactory(new HttpConfiguration());
        h2c.setConnectProtocolEnabled(connectProtocol);
        h2c.setMaxConcurrentStreams(maxConcurrentStreams);
        connector = start(h2c);
    }

    private JettyHttp2WebSocketBackend(SslContextFactory.Server tls, String protocol, ConnectionFactory http)
            throws Exception {
        ALPNServerConnectionFactory alpn = new ALPNServerConnectionFactory(protocol);
        alpn.setDefaultProtocol(protocol);
        connector = start(new SslConnectionFactory(tls, alpn.getProtocol()), alpn, http);
    }

    /** h2 over TLS, chosen by ALPN, with a certificate for 127.0.0.1 issued by the development CA in {@code caDir}. */
    static JettyHttp2WebSocketBackend h2OverTls(Path caDir) throws Exception {
        HTTP2ServerConnectionFactory h2 = new HTTP2ServerConnectionFactory(new HttpConfiguration());
        h2.setConnectProtocolEnabled(true);
        return new JettyHttp2WebSocketBackend(tls(caDir), "h2", h2);
    }

    /** A TLS server whose ALPN offers http/1.1 alone. */
    static JettyHttp2WebSocketBackend http11OverTls(Path caDir) throws Exception {
        return new JettyHttp2WebSocketBackend(tls(caDir), "http/1.1", new HttpConnectionFactory());
    }

    private ServerConnector start(ConnectionFactory... factories) throws Exception {
        ServerConnector created = new ServerConnector(server, 1, 1, factories);
        created.setHost("127.0.0.1");
        created.setPort(0);
        server.addConnector(created);
        server.setHandler(WebSocketUpgradeHandler.from(server, container -> {
            container.setMaxBinaryMessageSize(1 << 20);
            container.addMapping("/*", (request, response, callback) -> new JettyEchoSession(this, request));
        }));
        server.start();
        return created;
    }

    private static SslContextFactory.Server tls(Path caDir) throws Exception {
        ServerCertificateFiles files = DevCertificateAuthority.loadOrCreate(caDir).ensureLocalhostServerCertificate();
        KeyStore keys = KeyStore.getInstance("PKCS12");
        keys.load(null, null);
        keys.setKeyEntry("server", PemFiles.readPrivateKey(files.privateKey()), "secret".toCharArray(),
                PemFiles.readCertificates(files.certificateChain()).toArray(X509Certificate[]::new));
        SslContextFactory.Server tls = new SslContextFactory.Server();
        tls.setKeyStore(keys);
        tls.setKeyStorePassword("secret");
        return tls;
    }

    void execute(Runnable task) {
        server.getThreadPool().execute(task);
    }

    int port() {
        return connector.getLocalPort();
    }

    /** Connections the gateway has not closed: Jetty may keep its side a while after reading the end of input. */
    int connections() {
        return (int) connector.getConnectedEndPoints().stream().filter(endPoint -> !endPoint.isInputShutdown()).count();
    }

    /** Waits until the gateway has closed all but {@code count} connections. */
    void awaitConnectionsAtMost(int count) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        Semaphore never = new Semaphore(0);
        while (connections() > count) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError(connections() + " connections still open, expected " + count + ": "
                        + connector.getConnectedEndPoints());
            }
            never.tryAcquire(50, TimeUnit.MILLISECONDS); // a bounded poll: Jetty has no event for a peer's FIN
        }
    }

    /** Waits until the flood stops moving for a second, and returns the bytes Jetty had written by then. */
    long awaitFloodSettled() throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (System.nanoTime() < deadline) {
            floodProgress.drainPermits();
            if (!floodProgress.tryAcquire(1, TimeUnit.SECONDS)) {
                return flooded.get();
            }
        }
        throw new AssertionError("the backend was still writing after 30 s: " + flooded.get());
    }

    /** Waits until the sessions in {@code sink} mode have received {@code bytes} in all. */
    void awaitReceived(long bytes) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (received.get() < bytes) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("received " + received.get() + " of " + bytes + " bytes");
            }
            receivedProgress.tryAcquire(100, TimeUnit.MILLISECONDS);
        }
    }

    /** The next session to open, in order. */
    JettyEchoSession nextOpened() throws InterruptedException {
        JettyEchoSession session = opened.poll(10, TimeUnit.SECONDS);
        if (session == null) {
            throw new AssertionError("no session opened");
        }
        return session;
    }

    /** Stops gracefully: Jetty closes its WebSocket sessions with 1001 and its HTTP/2 connections with GOAWAY. */
    @Override
    public void close() throws Exception {
        server.stop();
    }
}

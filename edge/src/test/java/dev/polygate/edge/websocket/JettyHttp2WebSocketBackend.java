package dev.polygate.edge.websocket;

import java.nio.ByteBuffer;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import org.eclipse.jetty.http2.server.HTTP2CServerConnectionFactory;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.websocket.api.Callback;
import org.eclipse.jetty.websocket.api.Session;
import org.eclipse.jetty.websocket.server.WebSocketUpgradeHandler;

/**
 * Jetty 12's WebSocket server on an HTTP/2-only cleartext connector (h2c with prior knowledge): a backend nobody here
 * wrote that takes WebSockets by RFC 8441 extended CONNECT and nothing else. It echoes each message; the text
 * {@code close CODE reason} closes the session so, {@code die} drops it without a Close. The Close frames it received
 * are in {@link #closesReceived}. With {@code connectProtocol} false it is a plain HTTP/2 server that does not
 * advertise {@code SETTINGS_ENABLE_CONNECT_PROTOCOL}.
 */
public final class JettyHttp2WebSocketBackend implements AutoCloseable {
    private final Server server = new Server();
    private final ServerConnector connector;
    final BlockingQueue<String> closesReceived = new LinkedBlockingQueue<>();

    JettyHttp2WebSocketBackend(boolean connectProtocol) throws Exception {
        HTTP2CServerConnectionFactory h2c = new HTTP2CServerConnectionFactory(new HttpConfiguration());
        h2c.setConnectProtocolEnabled(connectProtocol);
        connector = new ServerConnector(server, 1, 1, h2c);
        connector.setHost("127.0.0.1");
        connector.setPort(0);
        server.addConnector(connector);
        server.setHandler(WebSocketUpgradeHandler.from(server, container -> {
            container.setMaxBinaryMessageSize(1 << 20);
            container.addMapping("/*", (request, response, callback) -> new Echo(closesReceived));
        }));
        server.start();
    }

    int port() {
        return connector.getLocalPort();
    }

    /** Public, as Jetty calls its methods through method handles. */
    public static final class Echo implements Session.Listener.AutoDemanding {
        private final BlockingQueue<String> closesReceived;
        private Session session;

        Echo(BlockingQueue<String> closesReceived) {
            this.closesReceived = closesReceived;
        }

        @Override
        public void onWebSocketOpen(Session opened) {
            this.session = opened;
        }

        @Override
        public void onWebSocketText(String message) {
            if (message.startsWith("close ")) {
                String[] parts = message.split(" ", 3);
                session.close(Integer.parseInt(parts[1]), parts.length > 2 ? parts[2] : "", Callback.NOOP);
            } else if (message.equals("die")) {
                session.disconnect();
            } else {
                session.sendText(message, Callback.NOOP);
            }
        }

        @Override
        public void onWebSocketBinary(ByteBuffer payload, Callback callback) {
            ByteBuffer copy = ByteBuffer.allocate(payload.remaining()).put(payload).flip();
            callback.succeed();
            session.sendBinary(copy, Callback.NOOP);
        }

        @Override
        public void onWebSocketClose(int code, String reason) {
            closesReceived.add(code + " " + reason);
        }
    }

    @Override
    public void close() throws Exception {
        server.stop();
    }
}

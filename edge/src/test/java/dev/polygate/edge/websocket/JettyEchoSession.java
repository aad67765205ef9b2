package dev.polygate.edge.websocket;

import java.nio.ByteBuffer;
import org.eclipse.jetty.http2.ErrorCode;
import org.eclipse.jetty.http2.HTTP2Session;
import org.eclipse.jetty.http2.api.Stream;
import org.eclipse.jetty.http2.frames.ResetFrame;
import org.eclipse.jetty.http2.server.internal.HTTP2ServerConnection;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.websocket.api.Callback;
import org.eclipse.jetty.websocket.api.Session;

/**
 * One WebSocket session of {@link JettyHttp2WebSocketBackend}, reading by demand (Jetty reads the next frame only
 * once asked to, so a session can stop reading). It echoes each message, except for these texts: {@code close CODE
 * reason} closes the session so; {@code die} drops it without a Close; {@code flood} sends 16 kB binary messages for
 * as long as Jetty takes them (counted once written); {@code sink} stops echoing binary messages (counted as
 * received instead) and stops reading until {@link #resumeReading()}; {@code goaway} sends GOAWAY (NO_ERROR) and
 * closes the HTTP/2 connection; {@code shutdown} announces a graceful shutdown (GOAWAY NO_ERROR, the open streams go on);
 * {@code reset} resets the session's stream (RST_STREAM CANCEL).
 * Public, as Jetty calls its methods through method handles.
 */
public final class JettyEchoSession implements Session.Listener {
    private static final int FLOOD_CHUNK = 16384;

    private final JettyHttp2WebSocketBackend backend;
    private final HTTP2Session connection;
    private final int streamId;
    private volatile Session session;
    private volatile boolean sinking;
    private volatile boolean paused;

    JettyEchoSession(JettyHttp2WebSocketBackend backend, Request upgrade) {
        this.backend = backend;
        this.connection = upgrade.getConnectionMetaData() instanceof HTTP2ServerConnection h2 ? h2.getSession() : null;
        this.streamId = Integer.parseInt(upgrade.getId());
    }

    @Override
    public void onWebSocketOpen(Session opened) {
        this.session = opened;
        backend.opened.add(this);
        opened.demand();
    }

    @Override
    public void onWebSocketText(String message) {
        if (message.startsWith("close ")) {
            String[] parts = message.split(" ", 3);
            session.close(Integer.parseInt(parts[1]), parts.length > 2 ? parts[2] : "", Callback.NOOP);
        } else if (message.equals("die")) {
            session.disconnect();
        } else if (message.equals("flood")) {
            floodNext();
        } else if (message.equals("sink")) {
            sinking = true;
            paused = true;
            return;
        } else if (message.equals("goaway")) {
            // GOAWAY, then the connection closed once it is written, streams open or not
            connection.close(ErrorCode.NO_ERROR.code, "going away",
                    org.eclipse.jetty.util.Callback.from(() -> connection.getEndPoint().close()));
        } else if (message.equals("shutdown")) {
            connection.shutdown();
        } else if (message.equals("reset")) {
            Stream stream = connection.getStream(streamId);
            stream.reset(new ResetFrame(streamId, ErrorCode.CANCEL_STREAM_ERROR.code), org.eclipse.jetty.util.Callback.NOOP);
            return;
        } else {
            session.sendText(message, Callback.NOOP);
        }
        session.demand();
    }

    @Override
    public void onWebSocketBinary(ByteBuffer payload, Callback callback) {
        if (sinking) {
            backend.received.addAndGet(payload.remaining());
            backend.receivedProgress.release();
            callback.succeed();
        } else {
            ByteBuffer copy = ByteBuffer.allocate(payload.remaining()).put(payload).flip();
            callback.succeed();
            session.sendBinary(copy, Callback.NOOP);
        }
        if (!paused) {
            session.demand();
        }
    }

    /** Reads again after {@code sink}. */
    void resumeReading() {
        paused = false;
        session.demand();
    }

    /** The next chunk goes from a pool thread, so a send completing at once does not recurse. */
    private void floodNext() {
        backend.execute(() -> session.sendBinary(ByteBuffer.allocate(FLOOD_CHUNK), Callback.from(() -> {
            backend.flooded.addAndGet(FLOOD_CHUNK);
            backend.floodProgress.release();
            floodNext();
        }, failure -> { })));
    }

    @Override
    public void onWebSocketClose(int code, String reason) {
        backend.closesReceived.add(code + " " + reason);
    }
}

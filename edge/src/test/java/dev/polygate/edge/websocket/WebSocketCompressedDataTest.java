package dev.polygate.edge.websocket;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.EOFException;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Compressed frames the gateway cannot inflate fail the session with a Close frame (1007), as any other invalid
 * payload does, rather than the connection simply ending; the gateway keeps serving.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class WebSocketCompressedDataTest {
    private static final String DEFLATE = "Sec-WebSocket-Extensions: permessage-deflate; client_max_window_bits\r\n";
    /** A deflate block of the reserved type 3 (RFC 1951 section 3.2.3): data no inflater can read. */
    private static final byte[] NOT_DEFLATE = {0x07, 0x12, 0x34};

    @TempDir
    Path dir;

    @Test
    void aCompressedFrameThatDoesNotInflateIsAnswered1007() throws Exception {
        try (WebSocketGateway setup = new WebSocketGateway(dir, """
                routes:
                  - { name: ws, match: { prefix: /ws }, translator: websocket, backend: { upstream: echo } }
                """)) {
            try (RawWebSocket ws = RawWebSocket.connect(setup.port(), "/ws/inflate", DEFLATE)) {
                assertThat(ws.responseHead().toLowerCase()).contains("permessage-deflate");
                ws.send(RawWebSocket.BINARY, false, 4, true, NOT_DEFLATE);
                RawWebSocket.Frame close = ws.readClose();
                assertThat(close.closeCode()).as("close code").isEqualTo(1007);
                assertThat(close.closeReason()).contains("compressed");
                try {
                    ws.read();
                    throw new AssertionError("a frame after the Close");
                } catch (EOFException | java.net.SocketException closed) {
                    // the gateway ended the connection after its Close
                }
            }
            try (RawWebSocket ws = RawWebSocket.connect(setup.port(), "/ws/after", "")) {
                ws.sendText("still serving");
                assertThat(ws.readMessage().text()).isEqualTo("still serving");
            }
        }
    }
}

package dev.polygate.edge.websocket;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * One case of the WebSocket conformance suite, numbered after the Autobahn testsuite's case list: what a raw client
 * sends on a fresh session and the exact answer it expects (an echo, a pong, a Close with its code, the connection
 * ended by the gateway). {@code headers} are extra handshake lines (permessage-deflate offers).
 */
record ConformanceCase(String id, String title, String headers, Step step) {
    interface Step {
        void run(RawWebSocket ws) throws Exception;
    }

    static ConformanceCase of(String id, String title, Step step) {
        return new ConformanceCase(id, title, "", step);
    }

    String displayName() {
        return "autobahn " + id + " " + title;
    }

    static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    static byte[] bytes(int... values) {
        byte[] bytes = new byte[values.length];
        for (int i = 0; i < values.length; i++) {
            bytes[i] = (byte) values[i];
        }
        return bytes;
    }

    /** {@code length} bytes of a repeating pattern, printable so that it is also valid UTF-8. */
    static byte[] payload(int length) {
        byte[] payload = new byte[length];
        for (int i = 0; i < length; i++) {
            payload[i] = (byte) ('a' + i % 26);
        }
        return payload;
    }

    /** The next message is {@code payload} as a message of this opcode, with no control frame before it. */
    static void expectMessage(RawWebSocket ws, int opcode, byte[] payload) throws Exception {
        RawWebSocket.Message message = ws.readMessage();
        assertThat(message.opcode()).as("opcode").isEqualTo(opcode);
        assertThat(message.payload()).as("payload of " + payload.length + " bytes").isEqualTo(payload);
    }

    /** The next frame is a pong carrying {@code payload}. */
    static void expectPong(RawWebSocket ws, byte[] payload) throws Exception {
        RawWebSocket.Frame pong = ws.read();
        assertThat(pong.opcode()).as("opcode").isEqualTo(RawWebSocket.PONG);
        assertThat(pong.payload()).isEqualTo(payload);
    }

    /** The message comes back after pongs for each of {@code pings}, in order (before it or between its fragments). */
    static void expectMessageAndPongs(RawWebSocket ws, int opcode, byte[] payload, byte[]... pings) throws Exception {
        List<RawWebSocket.Frame> controls = new ArrayList<>();
        RawWebSocket.Message message = ws.readMessage(controls);
        while (controls.size() < pings.length) {
            controls.add(ws.read());
        }
        assertThat(message.opcode()).isEqualTo(opcode);
        assertThat(message.payload()).isEqualTo(payload);
        assertThat(controls).hasSize(pings.length);
        for (int i = 0; i < pings.length; i++) {
            assertThat(controls.get(i).opcode()).isEqualTo(RawWebSocket.PONG);
            assertThat(controls.get(i).payload()).isEqualTo(pings[i]);
        }
    }

    /**
     * Autobahn's "non-strict" outcome of a good frame followed by a bad one: the echo of the good one may be lost
     * when the session fails before the backend answered (the gateway relays, it does not echo), but if it comes it
     * is intact, and then the Close with {@code code} follows.
     */
    static void expectEchoMaybeThenClose(RawWebSocket ws, byte[] echoed, int code) throws Exception {
        RawWebSocket.Frame frame = ws.read();
        if (frame.opcode() != RawWebSocket.CLOSE) {
            assertThat(frame.fin()).isTrue();
            assertThat(frame.payload()).isEqualTo(echoed);
            frame = ws.read();
        }
        assertThat(frame.opcode()).as("a Close, not %s", frame).isEqualTo(RawWebSocket.CLOSE);
        assertThat(frame.closeCode()).as("close code, reason '%s'", frame.closeReason()).isEqualTo(code);
        assertThat(ws.closedByServer()).as("the gateway ends the connection").isTrue();
    }

    /**
     * The gateway fails or closes the session with {@code code}: the next frame is its Close (no data and no pong
     * before it), and the gateway then ends the connection.
     */
    static void expectClose(RawWebSocket ws, int code) throws Exception {
        RawWebSocket.Frame close = ws.read();
        assertThat(close.opcode()).as("a Close, not %s", close).isEqualTo(RawWebSocket.CLOSE);
        assertThat(close.closeCode()).as("close code, reason '%s'", close.closeReason()).isEqualTo(code);
        assertThat(ws.closedByServer()).as("the gateway ends the connection").isTrue();
    }
}

package dev.polygate.edge.websocket;

import static dev.polygate.edge.websocket.ConformanceCase.expectClose;
import static dev.polygate.edge.websocket.ConformanceCase.expectEchoMaybeThenClose;
import static dev.polygate.edge.websocket.ConformanceCase.expectMessage;
import static dev.polygate.edge.websocket.ConformanceCase.expectMessageAndPongs;
import static dev.polygate.edge.websocket.ConformanceCase.utf8;
import static dev.polygate.edge.websocket.RawWebSocket.BINARY;
import static dev.polygate.edge.websocket.RawWebSocket.CLOSE;
import static dev.polygate.edge.websocket.RawWebSocket.CONTINUATION;
import static dev.polygate.edge.websocket.RawWebSocket.PING;
import static dev.polygate.edge.websocket.RawWebSocket.PONG;
import static dev.polygate.edge.websocket.RawWebSocket.TEXT;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;

/**
 * Autobahn 5 (fragmentation): fragmented text and binary messages, control frames between fragments, and the
 * fragmentation errors (a continuation with nothing to continue, a new message inside one, fragmented control
 * frames: 1002). The echo is checked as a message: a backend may send the fragments back as they came or joined.
 */
final class FragmentationCases {
    private FragmentationCases() {
    }

    static List<ConformanceCase> cases() {
        List<ConformanceCase> cases = new ArrayList<>();
        cases.add(ConformanceCase.of("5.1", "ping fragmented into 2 frames", ws -> {
            ws.send(PING, false, utf8("frag"));
            ws.send(CONTINUATION, true, utf8("ment"));
            expectClose(ws, 1002);
        }));
        cases.add(ConformanceCase.of("5.2", "pong fragmented into 2 frames", ws -> {
            ws.send(PONG, false, utf8("frag"));
            ws.send(CONTINUATION, true, utf8("ment"));
            expectClose(ws, 1002);
        }));
        cases.add(ConformanceCase.of("5.3", "text fragmented into 2 frames", ws -> {
            ws.send(TEXT, false, utf8("frag"));
            ws.send(CONTINUATION, true, utf8("ment"));
            expectMessage(ws, TEXT, utf8("fragment"));
        }));
        cases.add(ConformanceCase.of("5.4", "text fragmented into 2 frames, chopped into 1-byte writes", ws -> {
            ws.sendChopped(concat(RawWebSocket.encode(TEXT, false, 0, true, utf8("frag")),
                    RawWebSocket.encode(CONTINUATION, true, 0, true, utf8("ment"))), 1);
            expectMessage(ws, TEXT, utf8("fragment"));
        }));
        cases.add(ConformanceCase.of("5.5", "binary fragmented into 3 frames, one of them empty", ws -> {
            ws.send(BINARY, false, new byte[]{1, 2});
            ws.send(CONTINUATION, false, new byte[0]);
            ws.send(CONTINUATION, true, new byte[]{3, (byte) 255});
            expectMessage(ws, BINARY, new byte[]{1, 2, 3, (byte) 255});
        }));
        cases.add(ConformanceCase.of("5.6", "text fragmented with ping in between", ws -> {
            ws.send(TEXT, false, utf8("frag"));
            ws.send(PING, true, utf8("between"));
            ws.send(CONTINUATION, true, utf8("ment"));
            expectMessageAndPongs(ws, TEXT, utf8("fragment"), utf8("between"));
        }));
        cases.add(ConformanceCase.of("5.7", "text fragmented with ping in between, chopped into 1-byte writes", ws -> {
            ws.sendChopped(concat(RawWebSocket.encode(TEXT, false, 0, true, utf8("frag")),
                    RawWebSocket.encode(PING, true, 0, true, utf8("between")),
                    RawWebSocket.encode(CONTINUATION, true, 0, true, utf8("ment"))), 1);
            expectMessageAndPongs(ws, TEXT, utf8("fragment"), utf8("between"));
        }));
        cases.add(ConformanceCase.of("5.8", "binary fragmented with unsolicited pong in between", ws -> {
            ws.send(BINARY, false, new byte[]{9});
            ws.send(PONG, true, utf8("unsolicited"));
            ws.send(CONTINUATION, true, new byte[]{8});
            expectMessage(ws, BINARY, new byte[]{9, 8});
        }));
        cases.add(ConformanceCase.of("5.9", "continuation with FIN and nothing to continue", ws -> {
            ws.send(CONTINUATION, true, utf8("orphan"));
            expectClose(ws, 1002);
        }));
        cases.add(ConformanceCase.of("5.10", "continuation without FIN and nothing to continue", ws -> {
            ws.send(CONTINUATION, false, utf8("orphan"));
            expectClose(ws, 1002);
        }));
        cases.add(ConformanceCase.of("5.11", "good text, then a continuation with nothing to continue", ws -> {
            ws.sendText("good");
            ws.send(CONTINUATION, true, utf8("orphan"));
            expectEchoMaybeThenClose(ws, utf8("good"), 1002);
        }));
        cases.add(ConformanceCase.of("5.12", "text fragments with a text frame inside", ws -> {
            ws.send(TEXT, false, utf8("frag"));
            ws.send(TEXT, true, utf8("intruder"));
            readCloseSkippingFragments(ws, 1002);
        }));
        cases.add(ConformanceCase.of("5.13", "binary fragments with a binary frame inside", ws -> {
            ws.send(BINARY, false, new byte[]{1});
            ws.send(BINARY, false, new byte[]{2});
            readCloseSkippingFragments(ws, 1002);
        }));
        cases.add(ConformanceCase.of("5.14", "fragmented close", ws -> {
            ws.send(CLOSE, false, new byte[]{0x03});
            ws.send(CONTINUATION, true, new byte[]{(byte) 0xe8});
            expectClose(ws, 1002);
        }));
        cases.add(ConformanceCase.of("5.15", "text in 2 fragments, then a continuation after the final one", ws -> {
            ws.send(TEXT, false, utf8("frag"));
            ws.send(CONTINUATION, true, utf8("ment"));
            ws.send(CONTINUATION, true, utf8("orphan"));
            readCloseSkippingFragments(ws, 1002);
        }));
        cases.add(ConformanceCase.of("5.19", "text in 5 fragments with 2 pings in between", ws -> {
            ws.send(TEXT, false, utf8("f1"));
            ws.send(CONTINUATION, false, utf8("f2"));
            ws.send(PING, true, utf8("p1"));
            ws.send(CONTINUATION, false, utf8("f3"));
            ws.send(CONTINUATION, false, utf8("f4"));
            ws.send(PING, true, utf8("p2"));
            ws.send(CONTINUATION, true, utf8("f5"));
            expectMessageAndPongs(ws, TEXT, utf8("f1f2f3f4f5"), utf8("p1"), utf8("p2"));
        }));
        cases.add(ConformanceCase.of("5.20", "binary in 100 fragments of 1000 bytes", ws -> {
            ByteArrayOutputStream all = new ByteArrayOutputStream();
            byte[] payload = FramingCases.binary(100_000);
            for (int i = 0; i < 100; i++) {
                byte[] part = java.util.Arrays.copyOfRange(payload, i * 1000, (i + 1) * 1000);
                all.writeBytes(RawWebSocket.encode(i == 0 ? BINARY : CONTINUATION, i == 99, 0, true, part));
            }
            ws.sendRaw(all.toByteArray());
            expectMessage(ws, BINARY, payload);
        }));
        return cases;
    }

    /** Fragments already relayed may come back before the Close; nothing else may. */
    static void readCloseSkippingFragments(RawWebSocket ws, int code) throws Exception {
        RawWebSocket.Frame frame;
        while ((frame = ws.read()).opcode() < CLOSE) {
            // a fragment echoed before the session failed
        }
        org.assertj.core.api.Assertions.assertThat(frame.opcode()).isEqualTo(CLOSE);
        org.assertj.core.api.Assertions.assertThat(frame.closeCode()).as(frame.closeReason()).isEqualTo(code);
        org.assertj.core.api.Assertions.assertThat(ws.closedByServer()).isTrue();
    }

    static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            all.writeBytes(part);
        }
        return all.toByteArray();
    }
}

package dev.polygate.edge.websocket;

import static dev.polygate.edge.websocket.ConformanceCase.expectClose;
import static dev.polygate.edge.websocket.ConformanceCase.expectMessage;
import static dev.polygate.edge.websocket.ConformanceCase.expectMessageAndPongs;
import static dev.polygate.edge.websocket.ConformanceCase.expectPong;
import static dev.polygate.edge.websocket.ConformanceCase.payload;
import static dev.polygate.edge.websocket.ConformanceCase.utf8;
import static dev.polygate.edge.websocket.RawWebSocket.BINARY;
import static dev.polygate.edge.websocket.RawWebSocket.PING;
import static dev.polygate.edge.websocket.RawWebSocket.PONG;
import static dev.polygate.edge.websocket.RawWebSocket.TEXT;

import java.util.ArrayList;
import java.util.List;

/** Autobahn 1 (framing: payload lengths across the 7-, 16- and 64-bit encodings) and 2 (pings and pongs). */
final class FramingCases {
    /** Lengths on both sides of each length encoding's boundaries. */
    private static final int[] LENGTHS = {0, 125, 126, 127, 128, 65535, 65536, 262144};

    private FramingCases() {
    }

    static List<ConformanceCase> framing() {
        List<ConformanceCase> cases = new ArrayList<>();
        int n = 1;
        for (int length : LENGTHS) {
            cases.add(ConformanceCase.of("1.1." + n, "text message of " + length + " bytes",
                    ws -> echo(ws, TEXT, payload(length), Integer.MAX_VALUE)));
            cases.add(ConformanceCase.of("1.2." + n, "binary message of " + length + " bytes",
                    ws -> echo(ws, BINARY, binary(length), Integer.MAX_VALUE)));
            n++;
        }
        cases.add(ConformanceCase.of("1.1.8", "text message of 65535 bytes chopped into 997-byte writes",
                ws -> echo(ws, TEXT, payload(65535), 997)));
        cases.add(ConformanceCase.of("1.2.8", "binary message of 65536 bytes chopped into 997-byte writes",
                ws -> echo(ws, BINARY, binary(65536), 997)));
        cases.add(ConformanceCase.of("1.2.9", "binary frame header written byte by byte",
                ws -> echo(ws, BINARY, binary(300), 1)));
        return cases;
    }

    static List<ConformanceCase> pings() {
        List<ConformanceCase> cases = new ArrayList<>();
        cases.add(ConformanceCase.of("2.1", "ping without payload answered", ws -> {
            ws.send(PING, true, new byte[0]);
            expectPong(ws, new byte[0]);
        }));
        cases.add(ConformanceCase.of("2.2", "ping with a small text payload answered with it", ws -> {
            ws.send(PING, true, utf8("Hello, world!"));
            expectPong(ws, utf8("Hello, world!"));
        }));
        cases.add(ConformanceCase.of("2.3", "ping with a binary payload answered with it", ws -> {
            ws.send(PING, true, binary(8));
            expectPong(ws, binary(8));
        }));
        cases.add(ConformanceCase.of("2.4", "ping with 125 bytes answered with them", ws -> {
            ws.send(PING, true, binary(125));
            expectPong(ws, binary(125));
        }));
        cases.add(ConformanceCase.of("2.5", "ping with 126 bytes is a protocol error", ws -> {
            ws.send(PING, true, binary(126));
            expectClose(ws, 1002);
        }));
        cases.add(ConformanceCase.of("2.6", "ping with 125 bytes chopped into 1-byte writes", ws -> {
            ws.sendChopped(RawWebSocket.encode(PING, true, 0, true, binary(125)), 1);
            expectPong(ws, binary(125));
        }));
        cases.add(ConformanceCase.of("2.7", "unsolicited pong ignored", ws -> {
            ws.send(PONG, true, new byte[0]);
            ws.sendText("after the pong");
            expectMessage(ws, TEXT, utf8("after the pong"));
        }));
        cases.add(ConformanceCase.of("2.8", "unsolicited pong with payload ignored", ws -> {
            ws.send(PONG, true, utf8("unsolicited"));
            ws.sendText("after the pong");
            expectMessage(ws, TEXT, utf8("after the pong"));
        }));
        cases.add(ConformanceCase.of("2.10", "10 pings in a row answered in order", ws -> {
            for (int i = 0; i < 10; i++) {
                ws.send(PING, true, utf8("ping " + i));
            }
            for (int i = 0; i < 10; i++) {
                expectPong(ws, utf8("ping " + i));
            }
        }));
        cases.add(ConformanceCase.of("2.11", "10 pings in a row chopped into 1-byte writes", ws -> {
            java.io.ByteArrayOutputStream all = new java.io.ByteArrayOutputStream();
            for (int i = 0; i < 10; i++) {
                all.writeBytes(RawWebSocket.encode(PING, true, 0, true, utf8("ping " + i)));
            }
            ws.sendChopped(all.toByteArray(), 1);
            for (int i = 0; i < 10; i++) {
                expectPong(ws, utf8("ping " + i));
            }
        }));
        cases.add(ConformanceCase.of("2.12", "ping after a text message: echo, then pong", ws -> {
            ws.sendText("first");
            ws.send(PING, true, utf8("then"));
            expectMessageAndPongs(ws, TEXT, utf8("first"), utf8("then"));
        }));
        return cases;
    }

    private static void echo(RawWebSocket ws, int opcode, byte[] payload, int chunk) throws Exception {
        byte[] frame = RawWebSocket.encode(opcode, true, 0, true, payload);
        if (chunk == Integer.MAX_VALUE) {
            ws.sendRaw(frame);
        } else {
            ws.sendChopped(frame, chunk);
        }
        expectMessage(ws, opcode, payload);
    }

    static byte[] binary(int length) {
        byte[] payload = new byte[length];
        for (int i = 0; i < length; i++) {
            payload[i] = (byte) (i * 31 + 7);
        }
        return payload;
    }
}

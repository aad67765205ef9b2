package dev.polygate.edge.websocket;

import static dev.polygate.edge.websocket.ConformanceCase.expectClose;
import static dev.polygate.edge.websocket.ConformanceCase.expectEchoMaybeThenClose;
import static dev.polygate.edge.websocket.ConformanceCase.utf8;
import static dev.polygate.edge.websocket.RawWebSocket.BINARY;
import static dev.polygate.edge.websocket.RawWebSocket.CLOSE;
import static dev.polygate.edge.websocket.RawWebSocket.PING;
import static dev.polygate.edge.websocket.RawWebSocket.TEXT;

import java.util.ArrayList;
import java.util.List;

/**
 * Autobahn 3 (reserved bits without a negotiated extension) and 4 (reserved opcodes): each fails the session with
 * 1002; frames sent before the bad one are still echoed, frames after it are not answered.
 */
final class ReservedBitsAndOpcodeCases {
    private ReservedBitsAndOpcodeCases() {
    }

    static List<ConformanceCase> reservedBits() {
        List<ConformanceCase> cases = new ArrayList<>();
        cases.add(ConformanceCase.of("3.1", "text with RSV1 and no extension", ws -> {
            ws.send(TEXT, true, 4, true, utf8("Hello"));
            expectClose(ws, 1002);
        }));
        cases.add(ConformanceCase.of("3.2", "good text, then text with RSV2, then ping", ws -> {
            ws.sendText("good");
            ws.send(TEXT, true, 2, true, utf8("bad"));
            ws.send(PING, true, utf8("unanswered"));
            expectEchoMaybeThenClose(ws, utf8("good"), 1002);
        }));
        cases.add(ConformanceCase.of("3.3", "good text, then text with RSV3, then ping, in one write", ws -> {
            java.io.ByteArrayOutputStream all = new java.io.ByteArrayOutputStream();
            all.writeBytes(RawWebSocket.encode(TEXT, true, 0, true, utf8("good")));
            all.writeBytes(RawWebSocket.encode(TEXT, true, 1, true, utf8("bad")));
            all.writeBytes(RawWebSocket.encode(PING, true, 0, true, utf8("unanswered")));
            ws.sendRaw(all.toByteArray());
            expectEchoMaybeThenClose(ws, utf8("good"), 1002);
        }));
        cases.add(ConformanceCase.of("3.4", "binary with RSV1 and RSV3", ws -> {
            ws.send(BINARY, true, 5, true, new byte[]{1, 2, 3});
            expectClose(ws, 1002);
        }));
        cases.add(ConformanceCase.of("3.5", "binary with RSV2 and RSV3", ws -> {
            ws.send(BINARY, true, 3, true, new byte[]{1, 2, 3});
            expectClose(ws, 1002);
        }));
        cases.add(ConformanceCase.of("3.6", "ping with RSV1 and RSV2", ws -> {
            ws.send(PING, true, 6, true, utf8("ping"));
            expectClose(ws, 1002);
        }));
        cases.add(ConformanceCase.of("3.7", "close with all three reserved bits", ws -> {
            ws.send(CLOSE, true, 7, true, new byte[]{0x03, (byte) 0xe8});
            expectClose(ws, 1002);
        }));
        return cases;
    }

    static List<ConformanceCase> opcodes() {
        List<ConformanceCase> cases = new ArrayList<>();
        int n = 1;
        for (int opcode : new int[]{3, 4, 5, 6, 7}) {
            int number = n++;
            cases.add(ConformanceCase.of("4.1." + number, "reserved non-control opcode " + opcode, ws -> {
                ws.send(opcode, true, new byte[0]);
                expectClose(ws, 1002);
            }));
        }
        cases.add(ConformanceCase.of("4.1.6", "good text, then opcode 5 with payload, then ping", ws -> {
            ws.sendText("good");
            ws.send(5, true, utf8("reserved"));
            ws.send(PING, true, new byte[0]);
            expectEchoMaybeThenClose(ws, utf8("good"), 1002);
        }));
        n = 1;
        for (int opcode : new int[]{11, 12, 13, 14, 15}) {
            int number = n++;
            cases.add(ConformanceCase.of("4.2." + number, "reserved control opcode " + opcode, ws -> {
                ws.send(opcode, true, new byte[0]);
                expectClose(ws, 1002);
            }));
        }
        cases.add(ConformanceCase.of("4.2.6", "good text, then opcode 13 with payload, then ping", ws -> {
            ws.sendText("good");
            ws.send(13, true, utf8("reserved"));
            ws.send(PING, true, new byte[0]);
            expectEchoMaybeThenClose(ws, utf8("good"), 1002);
        }));
        return cases;
    }
}

package dev.polygate.edge.websocket;

import static dev.polygate.edge.websocket.ConformanceCase.bytes;
import static dev.polygate.edge.websocket.ConformanceCase.expectClose;
import static dev.polygate.edge.websocket.ConformanceCase.expectMessage;
import static dev.polygate.edge.websocket.ConformanceCase.utf8;
import static dev.polygate.edge.websocket.RawWebSocket.CLOSE;
import static dev.polygate.edge.websocket.RawWebSocket.CONTINUATION;
import static dev.polygate.edge.websocket.RawWebSocket.PING;
import static dev.polygate.edge.websocket.RawWebSocket.TEXT;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

/**
 * Autobahn 7 (close handling): the close handshake completes with the client's code (relayed to the backend and its
 * answer relayed back) and the gateway then ends the TCP connection; nothing is answered after the client's Close;
 * malformed Close frames (1 byte, codes that may not be sent, a reason over 123 bytes) are 1002, a reason that is
 * not UTF-8 is 1007.
 */
final class CloseCases {
    private static final int[] VALID = {1000, 1001, 1002, 1003, 1007, 1008, 1009, 1010, 1011, 3000, 3999, 4000, 4999};
    private static final int[] INVALID = {0, 999, 1004, 1005, 1006, 1015, 1016, 1100, 2000, 2999, 5000, 65535};

    private CloseCases() {
    }

    static List<ConformanceCase> cases() {
        List<ConformanceCase> cases = new ArrayList<>();
        cases.add(ConformanceCase.of("7.1.1", "text echoed, then a normal close", ws -> {
            ws.sendText("Hello World!");
            expectMessage(ws, TEXT, utf8("Hello World!"));
            ws.sendClose(1000, "");
            expectClose(ws, 1000);
        }));
        cases.add(ConformanceCase.of("7.1.2", "close sent twice: one Close back", ws -> {
            ws.sendClose(1000, "");
            ws.sendClose(1000, "");
            expectClose(ws, 1000);
        }));
        cases.add(ConformanceCase.of("7.1.3", "ping after close: not answered", ws -> {
            ws.sendClose(1000, "");
            ws.send(PING, true, utf8("too late"));
            expectClose(ws, 1000);
        }));
        cases.add(ConformanceCase.of("7.1.4", "text after close: not echoed", ws -> {
            ws.sendClose(1000, "");
            ws.sendText("too late");
            expectClose(ws, 1000);
        }));
        cases.add(ConformanceCase.of("7.1.5", "close inside a fragmented message, then the last fragment", ws -> {
            ws.send(TEXT, false, utf8("frag"));
            ws.sendClose(1000, "");
            ws.send(CONTINUATION, true, utf8("ment"));
            FragmentationCases.readCloseSkippingFragments(ws, 1000);
        }));
        cases.add(ConformanceCase.of("7.1.6", "a large message, then close at once: close after the echo", ws -> {
            byte[] big = ConformanceCase.payload(256 * 1024);
            ws.send(TEXT, true, big);
            ws.sendClose(1000, "");
            RawWebSocket.Frame close = ws.readClose();
            assertThat(close.closeCode()).isEqualTo(1000);
            assertThat(ws.closedByServer()).isTrue();
        }));
        cases.add(ConformanceCase.of("7.3.1", "close without payload: Close without payload back", ws -> {
            ws.send(CLOSE, true, new byte[0]);
            RawWebSocket.Frame close = ws.read();
            assertThat(close.opcode()).isEqualTo(CLOSE);
            assertThat(close.payload()).isEmpty();
            assertThat(ws.closedByServer()).isTrue();
        }));
        cases.add(ConformanceCase.of("7.3.2", "close with a 1-byte payload", ws -> {
            ws.send(CLOSE, true, new byte[]{0x03});
            expectClose(ws, 1002);
        }));
        cases.add(ConformanceCase.of("7.3.3", "close 1000 without a reason", ws -> {
            ws.sendClose(1000, "");
            expectClose(ws, 1000);
        }));
        cases.add(ConformanceCase.of("7.3.4", "close 1000 with a reason: the reason comes back", ws -> {
            ws.sendClose(1000, "Hello World! κόσμε");
            RawWebSocket.Frame close = ws.read();
            assertThat(close.closeCode()).isEqualTo(1000);
            assertThat(close.closeReason()).isEqualTo("Hello World! κόσμε");
            assertThat(ws.closedByServer()).isTrue();
        }));
        cases.add(ConformanceCase.of("7.3.5", "close 1000 with a reason of 123 bytes", ws -> {
            ws.sendClose(1000, "*".repeat(123));
            expectClose(ws, 1000);
        }));
        cases.add(ConformanceCase.of("7.3.6", "close 1000 with a reason of 124 bytes (payload over 125)", ws -> {
            ws.sendClose(1000, "*".repeat(124));
            expectClose(ws, 1002);
        }));
        cases.add(ConformanceCase.of("7.5.1", "close reason that is not UTF-8", ws -> {
            ws.send(CLOSE, true, bytes(0x03, 0xe8, 0xce, 0xba, 0xe1, 0xbd, 0xb9, 0xcf, 0x83, 0xce, 0xbc, 0xce, 0xb5,
                    0xed, 0xa0, 0x80, 0x65, 0x64, 0x69, 0x74, 0x65, 0x64));
            expectClose(ws, 1007);
        }));
        int n = 1;
        for (int code : VALID) {
            cases.add(ConformanceCase.of("7.7." + n++, "close with valid code " + code + " echoed", ws -> {
                ws.sendClose(code, "");
                expectClose(ws, code);
            }));
        }
        n = 1;
        for (int code : INVALID) {
            cases.add(ConformanceCase.of("7.9." + n++, "close with invalid code " + code, ws -> {
                ws.sendClose(code, "");
                expectClose(ws, 1002);
            }));
        }
        cases.add(ConformanceCase.of("7.13.1", "close with a private code 5000 and a reason", ws -> {
            ws.sendClose(5000, "out of range");
            expectClose(ws, 1002);
        }));
        return cases;
    }
}

package dev.polygate.edge.websocket;

import static dev.polygate.edge.websocket.ConformanceCase.bytes;
import static dev.polygate.edge.websocket.ConformanceCase.expectClose;
import static dev.polygate.edge.websocket.ConformanceCase.expectMessage;
import static dev.polygate.edge.websocket.ConformanceCase.utf8;
import static dev.polygate.edge.websocket.FragmentationCases.readCloseSkippingFragments;
import static dev.polygate.edge.websocket.RawWebSocket.CONTINUATION;
import static dev.polygate.edge.websocket.RawWebSocket.TEXT;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Autobahn 6 (UTF-8 handling): valid text, also split across fragments anywhere (inside a code point too), is
 * echoed; invalid sequences (overlong forms, surrogates, code points above U+10FFFF, stray continuation bytes, a
 * message ending inside a code point) fail the session with 1007, and inside a fragmented message as soon as the
 * fragment with the bad byte arrives, before the message ends.
 */
final class Utf8Cases {
    private static final byte[] HELLO = utf8("Hello-µ@ßöäüàá-UTF-8!! κόσμε 😀 \uFFFF");

    private Utf8Cases() {
    }

    static List<ConformanceCase> cases() {
        List<ConformanceCase> cases = new ArrayList<>();
        cases.add(ConformanceCase.of("6.1.1", "empty text message", ws -> {
            ws.send(TEXT, true, new byte[0]);
            expectMessage(ws, TEXT, new byte[0]);
        }));
        cases.add(ConformanceCase.of("6.1.2", "text message of 3 empty fragments", ws -> {
            ws.send(TEXT, false, new byte[0]);
            ws.send(CONTINUATION, false, new byte[0]);
            ws.send(CONTINUATION, true, new byte[0]);
            expectMessage(ws, TEXT, new byte[0]);
        }));
        cases.add(ConformanceCase.of("6.2.1", "valid UTF-8 with 2-, 3- and 4-byte code points in one frame", ws -> {
            ws.send(TEXT, true, HELLO);
            expectMessage(ws, TEXT, HELLO);
        }));
        cases.add(ConformanceCase.of("6.2.2", "valid UTF-8 split into 2 fragments at every byte", ws -> {
            for (int split = 1; split < HELLO.length; split++) {
                ws.send(TEXT, false, Arrays.copyOfRange(HELLO, 0, split));
                ws.send(CONTINUATION, true, Arrays.copyOfRange(HELLO, split, HELLO.length));
                expectMessage(ws, TEXT, HELLO);
            }
        }));
        cases.add(ConformanceCase.of("6.2.3", "valid UTF-8 in 1-byte fragments", ws -> {
            for (int i = 0; i < HELLO.length; i++) {
                ws.send(i == 0 ? TEXT : CONTINUATION, i == HELLO.length - 1, new byte[]{HELLO[i]});
            }
            expectMessage(ws, TEXT, HELLO);
        }));
        cases.add(ConformanceCase.of("6.2.4", "a 4-byte code point split across 4 fragments", ws -> {
            byte[] emoji = utf8("😀");
            for (int i = 0; i < 4; i++) {
                ws.send(i == 0 ? TEXT : CONTINUATION, i == 3, new byte[]{emoji[i]});
            }
            expectMessage(ws, TEXT, emoji);
        }));
        cases.add(ConformanceCase.of("6.3.1", "the largest code point U+10FFFF and U+0000", ws -> {
            byte[] edge = bytes(0xf4, 0x8f, 0xbf, 0xbf, 0x00, 0xef, 0xbf, 0xbd);
            ws.send(TEXT, true, edge);
            expectMessage(ws, TEXT, edge);
        }));
        int n = 1;
        for (Invalid invalid : INVALID) {
            int number = n++;
            cases.add(ConformanceCase.of("6.4." + number, invalid.what + " in one frame", ws -> {
                ws.send(TEXT, true, concat(utf8("κόσμε"), invalid.bytes));
                expectClose(ws, 1007);
            }));
        }
        n = 1;
        for (Invalid invalid : INVALID) {
            int number = n++;
            cases.add(ConformanceCase.of("6.5." + number, invalid.what + " in the middle of a fragmented message, "
                    + "refused before the message ends", ws -> {
                ws.send(TEXT, false, utf8("κόσμε"));
                ws.send(CONTINUATION, false, concat(invalid.bytes, utf8("edited")));
                readCloseSkippingFragments(ws, 1007);
            }));
        }
        cases.add(ConformanceCase.of("6.6.1", "a message ending inside a code point", ws -> {
            ws.send(TEXT, true, concat(utf8("κόσμε"), bytes(0xe2, 0x82)));
            expectClose(ws, 1007);
        }));
        cases.add(ConformanceCase.of("6.6.2", "a fragmented message ending inside a code point", ws -> {
            ws.send(TEXT, false, utf8("κόσμε"));
            ws.send(CONTINUATION, true, bytes(0xf0, 0x9f, 0x98));
            readCloseSkippingFragments(ws, 1007);
        }));
        cases.add(ConformanceCase.of("6.6.3", "a code point split across fragments and broken by the second", ws -> {
            ws.send(TEXT, false, bytes('a', 0xe2, 0x82));
            ws.send(CONTINUATION, true, bytes('A'));
            readCloseSkippingFragments(ws, 1007);
        }));
        return cases;
    }

    private record Invalid(String what, byte[] bytes) {
    }

    private static final List<Invalid> INVALID = List.of(
            new Invalid("overlong '/' in 2 bytes", bytes(0xc0, 0xaf)),
            new Invalid("overlong '/' in 3 bytes", bytes(0xe0, 0x80, 0xaf)),
            new Invalid("overlong '/' in 4 bytes", bytes(0xf0, 0x80, 0x80, 0xaf)),
            new Invalid("overlong maximum in 2 bytes (C1 BF)", bytes(0xc1, 0xbf)),
            new Invalid("high surrogate U+D800", bytes(0xed, 0xa0, 0x80)),
            new Invalid("low surrogate U+DFFF", bytes(0xed, 0xbf, 0xbf)),
            new Invalid("surrogate pair U+D83D U+DE00 as CESU-8", bytes(0xed, 0xa0, 0xbd, 0xed, 0xb8, 0x80)),
            new Invalid("code point U+110000 above the Unicode range", bytes(0xf4, 0x90, 0x80, 0x80)),
            new Invalid("5-byte form (F8)", bytes(0xf8, 0x88, 0x80, 0x80, 0x80)),
            new Invalid("byte FE", bytes(0xfe)),
            new Invalid("byte FF", bytes(0xff)),
            new Invalid("stray continuation byte 80", bytes(0x80)),
            new Invalid("3-byte start with a non-continuation byte", bytes(0xe2, 0x28, 0xa1)));

    private static byte[] concat(byte[] a, byte[] b) {
        return FragmentationCases.concat(a, b);
    }
}

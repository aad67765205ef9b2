package dev.polygate.edge.websocket;

import static dev.polygate.edge.websocket.ConformanceCase.expectClose;
import static dev.polygate.edge.websocket.ConformanceCase.expectMessage;
import static dev.polygate.edge.websocket.RawWebSocket.BINARY;
import static dev.polygate.edge.websocket.RawWebSocket.CONTINUATION;
import static dev.polygate.edge.websocket.RawWebSocket.TEXT;
import static dev.polygate.edge.websocket.FragmentationCases.readCloseSkippingFragments;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Autobahn 9 (limits and performance), against the route's limits of {@link WebSocketConformanceTest#LIMITS}
 * (frames up to 256 KiB, messages up to 1 MiB): messages up to the limit are echoed, one byte more is 1009, and many
 * small frames or messages pass in order.
 */
final class LimitCases {
    private static final int FRAME = 256 * 1024;
    private static final int MESSAGE = 1024 * 1024;

    private LimitCases() {
    }

    static List<ConformanceCase> cases() {
        List<ConformanceCase> cases = new ArrayList<>();
        cases.add(ConformanceCase.of("9.1.1", "text message of 256 KiB in one frame (the frame limit)", ws -> {
            ws.send(TEXT, true, ConformanceCase.payload(FRAME));
            expectMessage(ws, TEXT, ConformanceCase.payload(FRAME));
        }));
        cases.add(ConformanceCase.of("9.1.2", "binary frame of 256 KiB + 1 byte", ws -> {
            ws.send(BINARY, true, new byte[FRAME + 1]);
            expectClose(ws, 1009);
        }));
        cases.add(ConformanceCase.of("9.2.1", "binary message of 1 MiB in 4 frames (the message limit)", ws -> {
            byte[] message = FramingCases.binary(MESSAGE);
            sendInFrames(ws, BINARY, message, FRAME);
            expectMessage(ws, BINARY, message);
        }));
        cases.add(ConformanceCase.of("9.2.2", "binary message of 1 MiB + 1 byte in 5 frames", ws -> {
            sendInFrames(ws, BINARY, new byte[MESSAGE + 1], FRAME);
            readCloseSkippingFragments(ws, 1009);
        }));
        cases.add(ConformanceCase.of("9.3.1", "text message of 64 KiB in 1024 frames of 64 bytes", ws -> {
            byte[] message = ConformanceCase.payload(64 * 1024);
            sendInFrames(ws, TEXT, message, 64);
            expectMessage(ws, TEXT, message);
        }));
        cases.add(ConformanceCase.of("9.7.1", "1000 text messages of 16 bytes in one write, echoed in order", ws -> {
            ByteArrayOutputStream all = new ByteArrayOutputStream();
            for (int i = 0; i < 1000; i++) {
                all.writeBytes(RawWebSocket.encode(TEXT, true, 0, true, ConformanceCase.utf8("message %07d.".formatted(i))));
            }
            ws.sendRaw(all.toByteArray());
            for (int i = 0; i < 1000; i++) {
                expectMessage(ws, TEXT, ConformanceCase.utf8("message %07d.".formatted(i)));
            }
        }));
        return cases;
    }

    private static void sendInFrames(RawWebSocket ws, int opcode, byte[] message, int frameSize) throws Exception {
        ByteArrayOutputStream all = new ByteArrayOutputStream(message.length + message.length / frameSize * 14 + 14);
        for (int offset = 0; offset < message.length; offset += frameSize) {
            int end = Math.min(message.length, offset + frameSize);
            all.writeBytes(RawWebSocket.encode(offset == 0 ? opcode : CONTINUATION, end == message.length, 0, true,
                    Arrays.copyOfRange(message, offset, end)));
        }
        ws.sendRaw(all.toByteArray());
    }
}

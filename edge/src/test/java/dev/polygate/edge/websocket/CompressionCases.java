package dev.polygate.edge.websocket;

import static dev.polygate.edge.websocket.RawWebSocket.BINARY;
import static dev.polygate.edge.websocket.RawWebSocket.TEXT;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Autobahn 12 (permessage-deflate with the plain offer): rows of compressed messages of 16 bytes to 256 KiB, text and
 * binary, compressible and random, in one frame or cut into frames of 64 bytes (1024 frames a message at most) to 64 KiB, each echoed exactly and
 * compressed; the messages of a row share the compression context both ways (context takeover).
 */
final class CompressionCases {
    static final String OFFER = "Sec-WebSocket-Extensions: permessage-deflate\r\n";
    private static final int[] SIZES = {16, 64, 256, 1024, 4096, 16384, 65536, 131072};
    private static final int[] FRAGMENTS = {64, 256, 4096, 65536};

    /** What a message is made of. */
    enum Kind {
        TEXT_COMPRESSIBLE("text, compressible", TEXT),
        BINARY_COMPRESSIBLE("binary, compressible", BINARY),
        TEXT_RANDOM("text, random code points", TEXT),
        BINARY_RANDOM("binary, random", BINARY);

        final String title;
        final int opcode;

        Kind(String title, int opcode) {
            this.title = title;
            this.opcode = opcode;
        }

        /** About {@code size} bytes (text ends on a whole character), the same for the same seed. */
        byte[] payload(int size, long seed) {
            Random random = new Random(seed);
            return switch (this) {
                case TEXT_COMPRESSIBLE -> words(random, size);
                case BINARY_COMPRESSIBLE -> {
                    byte[] bytes = new byte[size];
                    for (int i = 0; i < size; i++) {
                        bytes[i] = (byte) (random.nextInt(8) == 0 ? random.nextInt(256) : i / 64 % 16);
                    }
                    yield bytes;
                }
                case TEXT_RANDOM -> codePoints(random, size);
                case BINARY_RANDOM -> {
                    byte[] bytes = new byte[size];
                    random.nextBytes(bytes);
                    yield bytes;
                }
            };
        }
    }

    private CompressionCases() {
    }

    static List<ConformanceCase> cases() {
        List<ConformanceCase> cases = new ArrayList<>();
        Kind[] kinds = Kind.values();
        for (int k = 0; k < kinds.length; k++) {
            Kind kind = kinds[k];
            for (int s = 0; s < SIZES.length; s++) {
                int size = SIZES[s];
                int count = messagesInARow(size);
                cases.add(new ConformanceCase("12.%d.%d".formatted(k + 1, s + 1),
                        "%d messages of %d bytes, %s, one frame each".formatted(count, size, kind.title), OFFER,
                        ws -> echoRow(ws, kind, size, count, 0)));
            }
            int n = SIZES.length;
            for (int size : new int[] {65536, 262144}) {
                for (int fragment : FRAGMENTS) {
                    if (size / fragment > 1024) {
                        continue; // 64-byte frames for 64 KiB only: the row stays quick
                    }
                    int count = 2;
                    n++;
                    cases.add(new ConformanceCase("12.%d.%d".formatted(k + 1, n),
                            "%d messages of %d bytes, %s, in frames of %d bytes".formatted(count, size, kind.title, fragment),
                            OFFER, ws -> echoRow(ws, kind, size, count, fragment)));
                }
            }
        }
        cases.add(new ConformanceCase("12.5.1", "a row of 36 messages of every kind and size, one context throughout",
                OFFER, CompressionCases::mixedRow));
        cases.add(new ConformanceCase("12.5.2", "an empty text and an empty binary message", OFFER, ws -> {
            try (DeflatingClient client = agreed(ws)) {
                client.send(TEXT, new byte[0], 0);
                client.expect(TEXT, new byte[0]);
                client.send(BINARY, new byte[0], 0);
                client.expect(BINARY, new byte[0]);
            }
        }));
        return cases;
    }

    /** Many small messages, fewer large ones: about 256 KiB a row at most. */
    private static int messagesInARow(int size) {
        return Math.max(2, Math.min(10, (256 << 10) / size));
    }

    private static void echoRow(RawWebSocket ws, Kind kind, int size, int count, int fragment) throws Exception {
        try (DeflatingClient client = agreed(ws)) {
            for (int i = 0; i < count; i++) {
                byte[] message = kind.payload(size, i % 3); // repeats, so that the context has something to refer to
                client.send(kind.opcode, message, fragment);
                client.expect(kind.opcode, message);
            }
        }
    }

    private static void mixedRow(RawWebSocket ws) throws Exception {
        try (DeflatingClient client = agreed(ws)) {
            long seed = 0;
            for (int size : new int[] {16, 1024, 65536}) {
                for (Kind kind : Kind.values()) {
                    for (int fragment : new int[] {0, 64, 1000}) {
                        byte[] message = kind.payload(size, seed++ % 5);
                        client.send(kind.opcode, message, fragment);
                        client.expect(kind.opcode, message);
                    }
                }
            }
        }
    }

    /** The server answered the plain offer with the plain extension. */
    static DeflatingClient agreed(RawWebSocket ws) {
        assertThat(extensionsAnswer(ws)).as(ws.responseHead()).isEqualTo("permessage-deflate");
        return new DeflatingClient(ws);
    }

    /** The server's {@code Sec-WebSocket-Extensions}, or null. */
    static String extensionsAnswer(RawWebSocket ws) {
        String answer = null;
        for (String line : ws.responseHead().split("\r\n")) {
            int colon = line.indexOf(':');
            if (colon > 0 && line.substring(0, colon).trim().equalsIgnoreCase("sec-websocket-extensions")) {
                assertThat(answer).as("one Sec-WebSocket-Extensions line").isNull();
                answer = line.substring(colon + 1).trim();
            }
        }
        return answer;
    }

    private static final String[] WORDS = ("the gateway relays frames between clients and backends and compresses "
            + "messages when both sides agree on permessage-deflate with or without context takeover").split(" ");

    private static byte[] words(Random random, int size) {
        StringBuilder text = new StringBuilder(size + 16);
        while (text.length() < size) {
            text.append(WORDS[random.nextInt(WORDS.length)]).append(random.nextInt(10) == 0 ? ".\n" : " ");
        }
        return text.substring(0, size).getBytes(StandardCharsets.US_ASCII);
    }

    /** Random code points of one to four UTF-8 bytes (no surrogates), whole characters up to {@code size} bytes. */
    private static byte[] codePoints(Random random, int size) {
        StringBuilder text = new StringBuilder();
        int bytes = 0;
        while (true) {
            int codePoint = switch (random.nextInt(4)) {
                case 0 -> 0x20 + random.nextInt(0x5f);
                case 1 -> 0x80 + random.nextInt(0x780);
                case 2 -> 0xe000 + random.nextInt(0x2000);
                default -> 0x10000 + random.nextInt(0x100000);
            };
            int length = codePoint < 0x80 ? 1 : codePoint < 0x800 ? 2 : codePoint < 0x10000 ? 3 : 4;
            if (bytes + length > size) {
                return text.toString().getBytes(StandardCharsets.UTF_8);
            }
            text.appendCodePoint(codePoint);
            bytes += length;
        }
    }
}

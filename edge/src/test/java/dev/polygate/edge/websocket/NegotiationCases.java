package dev.polygate.edge.websocket;

import static dev.polygate.edge.websocket.RawWebSocket.BINARY;
import static dev.polygate.edge.websocket.RawWebSocket.TEXT;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

/**
 * Autobahn 13 (permessage-deflate parameters): offers with and without context takeover, with client and server
 * window sizes, several offers in one header (the first the server can honour wins, RFC 7692 section 5.1) and
 * offers that break RFC 7692's rules (declined, the handshake still succeeds). Each answer is checked against the
 * offer it accepts (RFC 7692 section 7.1), then a row of messages goes both ways under what was agreed: a server
 * that agreed to {@code server_no_context_takeover} must compress each message on its own (a fresh inflater reads
 * each), one that did not keeps its context (a repeated message comes back much smaller).
 */
final class NegotiationCases {
    private static final String PLAIN = "permessage-deflate";

    private NegotiationCases() {
    }

    /**
     * @param offers   the {@code Sec-WebSocket-Extensions} lines' values
     * @param accepted the offer the server should accept, null for none
     * @param answer   the server's exact answer, null for none
     */
    record Negotiation(List<String> offers, String accepted, String answer) {
    }

    static List<ConformanceCase> cases() {
        List<ConformanceCase> cases = new ArrayList<>();
        add(cases, "13.1.1", "the plain offer", PLAIN, PLAIN, PLAIN);
        String clientNoContext = PLAIN + "; client_no_context_takeover";
        add(cases, "13.2.1", "client_no_context_takeover", clientNoContext, clientNoContext, clientNoContext);
        String serverNoContext = PLAIN + "; server_no_context_takeover";
        add(cases, "13.2.2", "server_no_context_takeover", serverNoContext, serverNoContext, serverNoContext);
        add(cases, "13.2.3", "both no_context_takeover", PLAIN + "; client_no_context_takeover; server_no_context_takeover",
                PLAIN + "; client_no_context_takeover; server_no_context_takeover",
                PLAIN + "; server_no_context_takeover; client_no_context_takeover");
        String bare = PLAIN + "; client_max_window_bits";
        add(cases, "13.3.1", "client_max_window_bits without a value (what browsers offer)", bare, bare, PLAIN);
        for (int bits = 8; bits <= 15; bits++) {
            String offer = PLAIN + "; client_max_window_bits=" + bits;
            add(cases, "13.3." + (bits - 6), "client_max_window_bits=" + bits, offer, offer, PLAIN);
        }
        String quoted = PLAIN + "; client_max_window_bits=\"10\"";
        add(cases, "13.3.10", "client_max_window_bits as a quoted string", quoted, quoted, PLAIN);
        for (int bits = 8; bits <= 14; bits++) {
            add(cases, "13.4." + (bits - 7), "server_max_window_bits=" + bits + " alone (declined: no smaller window)",
                    PLAIN + "; server_max_window_bits=" + bits, null, null);
        }
        String full = PLAIN + "; server_max_window_bits=15";
        add(cases, "13.4.8", "server_max_window_bits=15 (accepted and echoed)", full, full, full);
        String everything = PLAIN + "; client_no_context_takeover; server_no_context_takeover; "
                + "client_max_window_bits=9; server_max_window_bits=15";
        add(cases, "13.4.9", "every parameter at once", everything, everything,
                PLAIN + "; server_no_context_takeover; client_no_context_takeover; server_max_window_bits=15");

        String smaller = PLAIN + "; server_max_window_bits=10; client_max_window_bits";
        add(cases, "13.5.1", "a smaller server window, then the plain offer: the second wins",
                smaller + ", " + bare, bare, PLAIN);
        add(cases, "13.5.2", "server_no_context_takeover first, then the plain offer: the first wins",
                serverNoContext + ", " + PLAIN, serverNoContext, serverNoContext);
        add(cases, "13.5.3", "another extension first", "x-webkit-deflate-frame, " + clientNoContext,
                clientNoContext, clientNoContext);
        cases.add(negotiation("13.5.4", "offers on two header lines: the first declined, the second accepted",
                new Negotiation(List.of(PLAIN + "; server_max_window_bits=9", serverNoContext), serverNoContext,
                        serverNoContext)));
        add(cases, "13.5.5", "an offer with an unknown parameter, then one with client_max_window_bits",
                PLAIN + "; max_window_bits=10, " + bare, bare, PLAIN);

        int n = 0;
        for (String invalid : List.of("unknown_parameter", "client_no_context_takeover; client_no_context_takeover",
                "server_max_window_bits=15; server_max_window_bits=15", "server_max_window_bits",
                "server_max_window_bits=16", "server_max_window_bits=7", "client_max_window_bits=16",
                "client_max_window_bits=7", "client_max_window_bits=010", "client_max_window_bits=ten",
                "client_max_window_bits=", "server_no_context_takeover=1", "client_no_context_takeover=true")) {
            n++;
            add(cases, "13.6." + n, "invalid offer '" + invalid + "' declined, the handshake goes on",
                    PLAIN + "; " + invalid, null, null);
            add(cases, "13.7." + n, "invalid offer '" + invalid + "', then the plain offer: the second wins",
                    PLAIN + "; " + invalid + ", " + PLAIN, PLAIN, PLAIN);
        }
        return cases;
    }

    private static void add(List<ConformanceCase> cases, String id, String title, String offer, String accepted,
                            String answer) {
        cases.add(negotiation(id, title, new Negotiation(List.of(offer), accepted, answer)));
    }

    private static ConformanceCase negotiation(String id, String title, Negotiation negotiation) {
        StringBuilder headers = new StringBuilder();
        negotiation.offers().forEach(offer -> headers.append("Sec-WebSocket-Extensions: ").append(offer).append("\r\n"));
        return new ConformanceCase(id, title, headers.toString(), ws -> check(ws, negotiation));
    }

    private static void check(RawWebSocket ws, Negotiation negotiation) throws Exception {
        String answer = CompressionCases.extensionsAnswer(ws);
        assertThat(answer).as("Sec-WebSocket-Extensions answer").isEqualTo(negotiation.answer());
        if (answer == null) {
            uncompressedRow(ws);
            return;
        }
        DeflateParameters offer = DeflateParameters.parse(negotiation.accepted());
        DeflateParameters agreed = DeflateParameters.parse(answer);
        DeflateParameters.checkAnswer(offer, agreed);
        boolean serverNoContext = agreed.has("server_no_context_takeover");
        // Offering client_no_context_takeover is a promise (RFC 7692 section 7.1.1.2), whatever the answer.
        boolean clientNoContext = offer.has("client_no_context_takeover");
        boolean smallWindow = agreed.bits("client_max_window_bits") < 15 || offer.bits("client_max_window_bits") < 15;
        try (DeflatingClient client = new DeflatingClient(ws, clientNoContext, serverNoContext, smallWindow)) {
            compressedRow(client, serverNoContext);
        }
    }

    /** The same compressible message three times, then random binary, then a fragmented message. */
    private static void compressedRow(DeflatingClient client, boolean serverNoContext) throws Exception {
        byte[] text = CompressionCases.Kind.TEXT_COMPRESSIBLE.payload(4096, 7);
        int[] sizes = new int[3];
        for (int i = 0; i < 3; i++) {
            client.send(TEXT, text, 0);
            client.expect(TEXT, text);
            sizes[i] = client.lastCompressedSize;
        }
        if (serverNoContext) {
            assertThat(sizes).as("compressed sizes of a repeated message without context takeover")
                    .containsOnly(sizes[0]);
        } else {
            assertThat(sizes[1]).as("a repeat compressed against the first (sizes %d, %d)", sizes[0], sizes[1])
                    .isLessThan(sizes[0] / 4);
        }
        byte[] random = CompressionCases.Kind.BINARY_RANDOM.payload(1024, 3);
        client.send(BINARY, random, 0);
        client.expect(BINARY, random);
        byte[] large = CompressionCases.Kind.BINARY_COMPRESSIBLE.payload(20_000, 5);
        client.send(BINARY, large, 100);
        client.expect(BINARY, large);
        client.send(TEXT, text, 64);
        client.expect(TEXT, text);
    }

    /** Nothing agreed: messages go plain (RSV 0) both ways. */
    private static void uncompressedRow(RawWebSocket ws) throws Exception {
        byte[] text = CompressionCases.Kind.TEXT_COMPRESSIBLE.payload(4096, 7);
        for (int i = 0; i < 2; i++) {
            ws.send(TEXT, true, text);
            RawWebSocket.Message echo = ws.readMessage();
            assertThat(echo.rsv()).as("RSV bits without an agreed extension").isZero();
            assertThat(echo.payload()).isEqualTo(text);
        }
    }
}

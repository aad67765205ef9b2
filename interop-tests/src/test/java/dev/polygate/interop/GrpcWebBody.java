package dev.polygate.interop;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A gRPC-Web body as the protocol describes it, written independently of the gateway's own codec: frames of a flag
 * byte (0x80 marks the trailers), a 4-byte big-endian length and the payload.
 *
 * @param messages the payloads of the message frames, in order
 * @param trailers the trailer frame's fields, names in lower case; empty when there was none
 */
record GrpcWebBody(List<byte[]> messages, Map<String, String> trailers) {

    static byte[] frame(byte[] message) {
        return ByteBuffer.allocate(5 + message.length).put((byte) 0).putInt(message.length).put(message).array();
    }

    /** Parses a whole binary body; fails on a frame cut short or anything after the trailers. */
    static GrpcWebBody parse(byte[] body) {
        ByteBuffer in = ByteBuffer.wrap(body);
        List<byte[]> messages = new ArrayList<>();
        Map<String, String> trailers = new LinkedHashMap<>();
        while (in.hasRemaining()) {
            if (!trailers.isEmpty()) {
                throw new IllegalStateException("bytes after the trailer frame");
            }
            if (in.remaining() < 5) {
                throw new IllegalStateException("a frame header cut short: " + in.remaining() + " bytes");
            }
            int flag = in.get() & 0xff;
            byte[] payload = new byte[in.getInt()];
            in.get(payload);
            if ((flag & 0x80) != 0) {
                for (String line : new String(payload, StandardCharsets.US_ASCII).split("\r\n")) {
                    int colon = line.indexOf(':');
                    if (colon > 0) {
                        trailers.put(line.substring(0, colon).trim().toLowerCase(Locale.ROOT),
                                line.substring(colon + 1).trim());
                    }
                }
            } else {
                messages.add(payload);
            }
        }
        return new GrpcWebBody(messages, trailers);
    }

    /**
     * Decodes a grpc-web-text body. Servers may pad each chunk they flush, so padding can appear in the middle:
     * every 4-character group is decoded on its own.
     */
    static byte[] decodeText(String text) {
        String chars = text.replaceAll("\\s", "");
        if (chars.length() % 4 != 0) {
            throw new IllegalStateException("base64 body of " + chars.length() + " characters");
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int i = 0; i < chars.length(); i += 4) {
            out.writeBytes(Base64.getDecoder().decode(chars.substring(i, i + 4)));
        }
        return out.toByteArray();
    }
}

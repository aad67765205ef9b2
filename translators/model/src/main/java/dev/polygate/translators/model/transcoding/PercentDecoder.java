package dev.polygate.translators.model.transcoding;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Percent-decoding of path segments as HttpRule specifies: a variable bound to one segment is decoded
 * entirely; a variable spanning several segments keeps {@code %2F}/{@code %2f} encoded so that the slashes
 * of the value stay distinguishable from escaped ones. A {@code +} is a plus sign in a path, never a space.
 */
final class PercentDecoder {

    private PercentDecoder() {
    }

    /** @throws IllegalArgumentException for a malformed escape or escaped bytes that are not UTF-8 */
    static String decode(String raw, boolean keepEncodedSlash) {
        int first = raw.indexOf('%');
        if (first < 0) {
            return raw;
        }
        ByteBuffer bytes = ByteBuffer.allocate(raw.length() * 3);
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if (c == '%') {
                if (i + 2 >= raw.length()) {
                    throw new IllegalArgumentException("incomplete percent-escape in \"" + raw + "\"");
                }
                int hi = Character.digit(raw.charAt(i + 1), 16);
                int lo = Character.digit(raw.charAt(i + 2), 16);
                if (hi < 0 || lo < 0) {
                    throw new IllegalArgumentException("invalid percent-escape in \"" + raw + "\"");
                }
                int b = hi << 4 | lo;
                if (b == '/' && keepEncodedSlash) {
                    bytes.put((byte) '%').put((byte) raw.charAt(i + 1)).put((byte) raw.charAt(i + 2));
                } else {
                    bytes.put((byte) b);
                }
                i += 2;
            } else if (c < 0x80) {
                bytes.put((byte) c);
            } else {
                bytes.put(String.valueOf(c).getBytes(StandardCharsets.UTF_8));
            }
        }
        bytes.flip();
        try {
            CharBuffer chars = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(bytes);
            return chars.toString();
        } catch (CharacterCodingException e) {
            throw new IllegalArgumentException("percent-escapes in \"" + raw + "\" are not UTF-8");
        }
    }
}

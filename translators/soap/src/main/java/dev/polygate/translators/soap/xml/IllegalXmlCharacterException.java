package dev.polygate.translators.soap.xml;

/**
 * A value holds a character XML 1.0 cannot carry (a control character, a lone surrogate, U+FFFE or U+FFFF). Such
 * a value comes from the caller, so it is the caller's mistake; it is refused before it could break a document.
 */
public final class IllegalXmlCharacterException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    private IllegalXmlCharacterException(String message) {
        super(message);
    }

    /**
     * Returns {@code text} when XML can carry all of it.
     *
     * @param where what holds the text, for the message (e.g. the element's name)
     */
    static String check(String text, Object where) {
        int at = firstIllegal(text);
        if (at >= 0) {
            throw new IllegalXmlCharacterException(where + " holds the character U+"
                    + String.format("%04X", text.codePointAt(at)) + ", which XML cannot carry");
        }
        return text;
    }

    /** The index of the first character XML 1.0 cannot carry, or -1 when it can carry all of {@code text}. */
    public static int firstIllegal(String text) {
        for (int i = 0; i < text.length(); ) {
            int c = text.codePointAt(i);
            if (!allowed(c)) {
                return i;
            }
            i += Character.charCount(c);
        }
        return -1;
    }

    /** XML 1.0 Char: #x9 | #xA | #xD | [#x20-#xD7FF] | [#xE000-#xFFFD] | [#x10000-#x10FFFF]. */
    private static boolean allowed(int c) {
        return c >= 0x20 && c <= 0xD7FF || c == 0x9 || c == 0xA || c == 0xD || c >= 0xE000 && c <= 0xFFFD
                || c >= 0x10000 && c <= 0x10FFFF;
    }
}

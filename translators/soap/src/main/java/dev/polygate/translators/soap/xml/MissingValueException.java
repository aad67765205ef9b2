package dev.polygate.translators.soap.xml;

/**
 * A required nillable simple-typed element or part has no value: neither a value nor null ({@code xsi:nil}).
 * Writing it empty would send what its type may forbid (an empty {@code xs:decimal}), and leaving it out would
 * break the schema, so the request is the caller's mistake and is refused before anything is sent.
 */
public final class MissingValueException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    MissingValueException(String name) {
        super("missing required element '" + name + "'; give a value, or null for xsi:nil");
    }
}

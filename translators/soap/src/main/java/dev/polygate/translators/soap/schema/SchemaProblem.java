package dev.polygate.translators.soap.schema;

/** A schema the compiler cannot map (an unresolved reference, an unsupported construct); becomes a ConfigException. */
final class SchemaProblem extends RuntimeException {
    private static final long serialVersionUID = 1L;

    SchemaProblem(String message) {
        super(message, null, false, false);
    }
}

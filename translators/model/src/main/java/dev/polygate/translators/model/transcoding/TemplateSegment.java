package dev.polygate.translators.model.transcoding;

/**
 * One segment of a binding's path template, as API documents describe it.
 *
 * @param kind     a literal, a single-segment wildcard ({@code *}) or a multi-segment one ({@code **})
 * @param literal  the decoded literal of a {@link Kind#LITERAL} segment, else null
 * @param variable the field path of the variable covering this segment, or null outside variables
 * @param wholeVariable whether this wildcard is its variable's entire pattern ({@code {name}},
 *                 {@code {name=*}}, {@code {path=**}}), so the variable's value is exactly this segment's text
 * @param variablePattern the pattern of the covering variable as segments ({@code shelves/*}), or null
 */
public record TemplateSegment(Kind kind, String literal, String variable, boolean wholeVariable,
                              String variablePattern) {

    /** What a segment matches. */
    public enum Kind { LITERAL, SINGLE, MULTI }
}

package dev.polygate.translators.model.transcoding;

/**
 * How JSON is read and written.
 *
 * @param preserveProtoFieldNames print field names as declared in the .proto ({@code page_size}) instead of
 *                                lowerCamelCase ({@code pageSize}); both spellings are always accepted on input
 * @param emitDefaults            print fields that hold their default value (0, "", false, empty lists)
 * @param ignoreUnknownFields     accept and drop unknown JSON fields and unknown query parameters instead of
 *                                answering 400
 */
public record TranscodingOptions(boolean preserveProtoFieldNames, boolean emitDefaults, boolean ignoreUnknownFields) {

    private static final TranscodingOptions DEFAULTS = new TranscodingOptions(false, false, false);

    /** lowerCamelCase names, defaults omitted, unknown fields rejected. */
    public static TranscodingOptions defaults() {
        return DEFAULTS;
    }
}

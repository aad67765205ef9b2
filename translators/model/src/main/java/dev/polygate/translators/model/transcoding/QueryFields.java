package dev.polygate.translators.model.transcoding;

import com.google.protobuf.Descriptors.FieldDescriptor;

/** Which request fields query parameters reach, as the transcoder decides it, for describing bindings. */
public final class QueryFields {

    private QueryFields() {
    }

    /** Whether a query parameter (repeated for a repeated field) can set the field. */
    public static boolean settable(FieldDescriptor field) {
        return FieldNames.acceptsText(field);
    }

    /** Whether query parameters can set the fields of this field's message ({@code a.b=...}). */
    public static boolean traversable(FieldDescriptor field) {
        return FieldNames.isSingularMessage(field) && !FieldNames.isTextMessage(field);
    }
}

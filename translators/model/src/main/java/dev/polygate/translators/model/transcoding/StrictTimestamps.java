package dev.polygate.translators.model.transcoding;

import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.util.Timestamps;
import java.text.ParseException;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * RFC 3339 timestamps checked field by field. protobuf-java-util parses them leniently, so
 * "2024-13-01T00:00:00Z" became 2025-01-01 and "T25:61:00Z" rolled into the next day: an impossible date from
 * a client must be a 400, never silently another instant.
 */
final class StrictTimestamps {
    private static final String TIMESTAMP = "google.protobuf.Timestamp";

    private final Map<Descriptor, Boolean> holders = new ConcurrentHashMap<>();

    /** Parses as JsonFormat does, then refuses what is not a real calendar date and time. */
    static void parse(String text) throws ParseException {
        Timestamps.parse(text);
        try {
            OffsetDateTime.parse(text, DateTimeFormatter.ISO_OFFSET_DATE_TIME);
        } catch (DateTimeParseException e) {
            throw new ParseException("not a calendar date and time: " + text, e.getErrorIndex());
        }
    }

    /** Whether a message of this type can hold a Timestamp (outside an Any), so its JSON needs the check. */
    boolean mayHold(Descriptor type) {
        Boolean known = holders.get(type);
        if (known == null) {
            known = search(type, new HashSet<>());
            holders.put(type, known);
        }
        return known;
    }

    private static boolean search(Descriptor type, Set<String> seen) {
        if (type.getFullName().equals(TIMESTAMP)) {
            return true;
        }
        if (!seen.add(type.getFullName())) {
            return false;
        }
        for (FieldDescriptor field : type.getFields()) {
            if (field.getJavaType() == FieldDescriptor.JavaType.MESSAGE && search(field.getMessageType(), seen)) {
                return true;
            }
        }
        return false;
    }
}

package dev.polygate.translators.model.protosource;

import com.google.protobuf.DescriptorProtos.SourceCodeInfo;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Indented lines, with the leading comments the source info holds for each element path. */
final class SourceWriter {
    private final StringBuilder text = new StringBuilder();
    private final Map<List<Integer>, String> comments = new HashMap<>();
    private int depth;

    SourceWriter(SourceCodeInfo info) {
        for (SourceCodeInfo.Location location : info.getLocationList()) {
            if (location.hasLeadingComments() && !location.getLeadingComments().isBlank()) {
                comments.putIfAbsent(List.copyOf(location.getPathList()), location.getLeadingComments());
            }
        }
    }

    /** One line, or several when {@code line} holds line breaks (a multi-line option value), all indented. */
    SourceWriter line(String line) {
        for (String part : line.split("\n", -1)) {
            text.append("  ".repeat(depth)).append(part).append('\n');
        }
        return this;
    }

    SourceWriter blank() {
        if (text.length() > 0 && !text.toString().endsWith("{\n") && !text.toString().endsWith("\n\n")) {
            text.append('\n');
        }
        return this;
    }

    /** Opens a block: {@code line} ends with "{". */
    SourceWriter open(String line) {
        line(line);
        depth++;
        return this;
    }

    SourceWriter close() {
        depth--;
        return line("}");
    }

    /** The element's leading comment as // lines, when the descriptor kept one. */
    SourceWriter comment(List<Integer> path) {
        String comment = comments.get(path);
        if (comment != null) {
            String body = comment.endsWith("\n") ? comment.substring(0, comment.length() - 1) : comment;
            for (String part : body.split("\n", -1)) {
                line("//" + part);
            }
        }
        return this;
    }

    @Override
    public String toString() {
        return text.toString();
    }
}

package dev.polygate.interop;

import java.util.ArrayList;
import java.util.List;

/**
 * Finds Netty's leak reports in a process's output. Netty logs each as an error whose message starts with
 * {@code LEAK: } (through JDK logging in the gateway jar, which carries no SLF4J binding), followed by the
 * recorded access points, one per line.
 */
final class NettyLeakReports {
    private static final String MARKER = "LEAK: ";
    private static final int MAX_LINES_PER_REPORT = 40;

    private NettyLeakReports() {
    }

    /** Each report found, its first line and the lines of detail that follow it. */
    static List<String> findIn(List<String> lines) {
        List<String> reports = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            if (!lines.get(i).contains(MARKER)) {
                continue;
            }
            StringBuilder report = new StringBuilder(lines.get(i));
            int end = Math.min(lines.size(), i + MAX_LINES_PER_REPORT);
            for (int j = i + 1; j < end && isDetail(lines.get(j)); j++) {
                report.append('\n').append(lines.get(j));
            }
            reports.add(report.toString());
        }
        return reports;
    }

    /** Access records are "Recent access records:", "#n:" and indented stack frames. */
    private static boolean isDetail(String line) {
        return line.startsWith("\t") || line.startsWith(" ") || line.startsWith("#") || line.startsWith("Recent ")
                || line.startsWith("Created at:");
    }
}

import java.util.List;
import java.util.Locale;
import org.HdrHistogram.Histogram;

/** The one result line every load generator prints, {@code key=value} pairs the benchmark script reads. */
final class LoadReport {
    private LoadReport() {
    }

    static void print(String what, List<Tally> tallies, double seconds, long failedSessions, String cpu) {
        Histogram all = new Histogram(60_000_000L, 3);
        long replies = 0;
        long errors = 0;
        for (Tally tally : tallies) {
            replies += tally.replies();
            errors += tally.errors();
            tally.addLatenciesTo(all);
        }
        System.out.printf(Locale.ROOT,
                "RESULT %s sessions=%d failed_sessions=%d seconds=%.2f replies=%d rate=%.0f p50_ms=%.3f p90_ms=%.3f"
                        + " p99_ms=%.3f max_ms=%.3f errors=%d %s%n",
                what, tallies.size(), failedSessions, seconds, replies, replies / seconds,
                all.getValueAtPercentile(50) / 1000.0, all.getValueAtPercentile(90) / 1000.0,
                all.getValueAtPercentile(99) / 1000.0, all.getMaxValue() / 1000.0, errors, cpu);
    }
}

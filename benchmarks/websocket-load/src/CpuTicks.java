import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * CPU time (user + system, in clock ticks, from /proc) of named processes and their children, of this process, and of
 * the whole machine, read when the measurement starts and ends so that the figures cover exactly the measured window.
 * Named by {@code --cpu name=pid,name=pid}; a process that is gone counts 0.
 */
final class CpuTicks {
    private final Map<String, Long> pids = new LinkedHashMap<>();
    private Map<String, Long> start;

    CpuTicks(String spec) {
        for (String item : spec.split(",")) {
            if (!item.isBlank()) {
                String[] nameAndPid = item.split("=", 2);
                pids.put(nameAndPid[0], Long.parseLong(nameAndPid[1]));
            }
        }
        pids.put("load", ProcessHandle.current().pid());
    }

    void start() {
        start = read();
    }

    /** {@code cpu_NAME=ticks} pairs: what each used since {@link #start()}, and {@code cpu_all} for the machine. */
    String sinceStart() {
        StringBuilder out = new StringBuilder();
        read().forEach((name, ticks) -> out.append(" cpu_").append(name).append('=').append(ticks - start.get(name)));
        return out.toString().trim();
    }

    private Map<String, Long> read() {
        Map<String, Long> ticks = new LinkedHashMap<>();
        pids.forEach((name, pid) -> ticks.put(name, processTree(pid)));
        ticks.put("all", machine());
        return ticks;
    }

    private static long processTree(long pid) {
        List<Long> tree = new ArrayList<>();
        tree.add(pid);
        ProcessHandle.of(pid).ifPresent(p -> p.children().forEach(child -> tree.add(child.pid())));
        long sum = 0;
        for (long p : tree) {
            try {
                String stat = Files.readString(Path.of("/proc", Long.toString(p), "stat"));
                String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                sum += Long.parseLong(fields[11]) + Long.parseLong(fields[12]);   // utime, stime
            } catch (IOException | RuntimeException gone) {
                // exited, or no /proc: counts nothing
            }
        }
        return sum;
    }

    /** user + nice + system + irq + softirq + steal of all cores. */
    private static long machine() {
        try {
            String[] f = Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split("\\s+");
            return Long.parseLong(f[1]) + Long.parseLong(f[2]) + Long.parseLong(f[3]) + Long.parseLong(f[6])
                    + Long.parseLong(f[7]) + Long.parseLong(f[8]);
        } catch (IOException | RuntimeException unreadable) {
            return 0;
        }
    }
}

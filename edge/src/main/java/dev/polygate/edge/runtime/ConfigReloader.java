package dev.polygate.edge.runtime;

import dev.polygate.edge.config.ConfigLoader;
import dev.polygate.edge.config.GatewayConfig;
import dev.polygate.spi.ConfigException;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Reloads the configuration file on SIGHUP and when the file changes. An invalid file is reported and the
 * running configuration keeps serving.
 */
public final class ConfigReloader implements AutoCloseable {
    /** Applies a validated configuration and returns warnings about what needs a restart. */
    public interface Target {
        List<String> apply(GatewayConfig config) throws ConfigException;
    }

    private final Path file;
    private final Target target;
    private final PrintStream console;
    private WatchService watcher;
    private Thread watchThread;

    public ConfigReloader(Path file, Target target, PrintStream console) {
        this.file = file.toAbsolutePath().normalize();
        this.target = target;
        this.console = console;
    }

    /** Installs the SIGHUP handler and, if asked, watches the file. */
    public void start(boolean watchFile) throws IOException {
        try {
            sun.misc.Signal.handle(new sun.misc.Signal("HUP"), signal -> reload("SIGHUP"));
        } catch (IllegalArgumentException e) {
            console.println("SIGHUP is not available on this platform; reload by editing the file");
        }
        if (watchFile) {
            watcher = FileSystems.getDefault().newWatchService();
            file.getParent().register(watcher, StandardWatchEventKinds.ENTRY_MODIFY, StandardWatchEventKinds.ENTRY_CREATE);
            watchThread = new Thread(this::watch, "polygate-config-watch");
            watchThread.setDaemon(true);
            watchThread.start();
        }
    }

    /** Loads, validates and applies the file; synchronized so that a signal and a file event never overlap. */
    public synchronized boolean reload(String reason) {
        try {
            GatewayConfig config = ConfigLoader.load(file);
            List<String> warnings = target.apply(config);
            console.println("configuration reloaded (" + reason + "): " + config.routes().size() + " routes");
            warnings.forEach(w -> console.println("  note: " + w));
            return true;
        } catch (ConfigException e) {
            console.println("configuration NOT reloaded (" + reason + "), the previous one keeps serving:");
            e.problems().forEach(p -> console.println("  " + file.getFileName() + ": " + p));
            return false;
        } catch (RuntimeException e) {
            console.println("configuration NOT reloaded (" + reason + "): " + e);
            return false;
        }
    }

    private void watch() {
        try {
            while (true) {
                WatchKey key = watcher.take();
                boolean ours = key.pollEvents().stream()
                        .anyMatch(event -> file.getFileName().equals(event.context()));
                key.reset();
                if (!ours) {
                    continue;
                }
                // Editors write in several steps: wait until the file has been quiet for a moment.
                WatchKey more;
                while ((more = watcher.poll(300, TimeUnit.MILLISECONDS)) != null) {
                    more.pollEvents();
                    more.reset();
                }
                reload("file changed");
            }
        } catch (InterruptedException | ClosedWatchServiceException e) {
            // stopping
        }
    }

    @Override
    public void close() throws IOException {
        if (watcher != null) {
            watcher.close();
        }
    }
}

package dev.polygate.wsdl.cxf;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@link CxfServices} in a JVM of its own, for modules whose class path must not hold CXF (the JAX-WS RI and CXF
 * both provide {@code jakarta.xml.ws}, and {@code Endpoint.publish} would pick one of them).
 *
 * <p>This class loads no CXF class. A module depends on {@code polygate-wsdl-cxf} with every transitive
 * dependency excluded ({@code <exclusion><groupId>*</groupId><artifactId>*</artifactId></exclusion>}) and calls
 * {@link #start()}: the child JVM's class path is this module's own classes or jar plus the runtime class path
 * Maven resolved when building it, a list of local-repository files stored in the jar as
 * {@value #CLASS_PATH_RESOURCE}. Closing the child's standard input stops it; a kill follows if it does not.
 */
public final class CxfServicesProcess implements AutoCloseable {

    /** The runtime class path of this module, written at build time by maven-dependency-plugin. */
    public static final String CLASS_PATH_RESOURCE = "dev/polygate/wsdl/cxf/runtime.classpath";

    private static final Pattern SERVICE = Pattern.compile("service (\\S+) at (\\S+)");

    private final Process process;
    private final Map<String, URI> endpoints = new LinkedHashMap<>();
    private final List<String> output = new ArrayList<>();
    private final CompletableFuture<Void> ready = new CompletableFuture<>();

    private CxfServicesProcess(Process process) {
        this.process = process;
        Thread reader = new Thread(this::readOutput, "cxf-services-output");
        reader.setDaemon(true);
        reader.start();
    }

    /** Starts the services on a free port and waits, at most a minute, until they are all published. */
    public static CxfServicesProcess start() {
        List<String> command = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m", "-cp", classPath(), CxfServices.class.getName());
        Process process;
        try {
            process = new ProcessBuilder(command).redirectErrorStream(true).start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + command, e);
        }
        CxfServicesProcess services = new CxfServicesProcess(process);
        try {
            services.ready.get(60, TimeUnit.SECONDS);
        } catch (Exception e) {
            services.close();
            throw new IllegalStateException("the CXF services did not start:\n" + services.output(), e);
        }
        return services;
    }

    static String classPath() {
        String dependencies;
        try (InputStream in = CxfServicesProcess.class.getClassLoader().getResourceAsStream(CLASS_PATH_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(CLASS_PATH_RESOURCE + " is missing: build polygate-wsdl-cxf with Maven");
            }
            dependencies = new String(in.readAllBytes(), StandardCharsets.UTF_8).trim();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        try {
            Path self = Path.of(CxfServicesProcess.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            return self + java.io.File.pathSeparator + dependencies;
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private void readOutput() {
        try (BufferedReader in = new BufferedReader(
                new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = in.readLine()) != null) {
                synchronized (output) {
                    output.add(line);
                }
                Matcher service = SERVICE.matcher(line);
                if (!ready.isDone() && service.matches()) {
                    synchronized (endpoints) {
                        endpoints.put(service.group(1), URI.create(service.group(2)));
                    }
                } else if (line.equals("ready")) {
                    ready.complete(null);
                }
            }
        } catch (IOException e) {
            // the process ended
        } finally {
            ready.completeExceptionally(new IllegalStateException("the CXF services process ended"));
        }
    }

    /** The published names, as {@link CxfServices#names()}. */
    public List<String> names() {
        synchronized (endpoints) {
            return Collections.unmodifiableList(new ArrayList<>(endpoints.keySet()));
        }
    }

    /** The address to post SOAP requests to, e.g. {@code endpoint(CxfServices.SECURE_DIGEST)}. */
    public URI endpoint(String service) {
        synchronized (endpoints) {
            URI uri = endpoints.get(service);
            if (uri == null) {
                throw new IllegalArgumentException("no service " + service + "; known: " + endpoints.keySet());
            }
            return uri;
        }
    }

    /** The service's WSDL ({@code ?wsdl}). */
    public URI wsdl(String service) {
        return URI.create(endpoint(service) + "?wsdl");
    }

    /** Everything the child printed so far, logs included: for failure messages. */
    public String output() {
        synchronized (output) {
            return String.join("\n", output);
        }
    }

    /** Whether the child JVM is still running. */
    public boolean isAlive() {
        return process.isAlive();
    }

    /** The child's exit code once it has ended: 0 when it stopped on its own after {@link #close()}. */
    public int exitCode() {
        return process.exitValue();
    }

    @Override
    public void close() {
        try {
            process.getOutputStream().close();
        } catch (IOException e) {
            // already gone
        }
        try {
            if (!process.waitFor(15, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}

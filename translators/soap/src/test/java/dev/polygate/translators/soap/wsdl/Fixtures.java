package dev.polygate.translators.soap.wsdl;

import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Path;
import java.time.Duration;

/** The test WSDL and XSD documents, which live beside this class on the test class path. */
final class Fixtures {
    static final Duration TIMEOUT = Duration.ofSeconds(10);

    private Fixtures() {
    }

    static URI uri(String name) {
        URL url = Fixtures.class.getResource(name);
        if (url == null) {
            throw new IllegalArgumentException("no fixture " + name);
        }
        try {
            return url.toURI();
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The directory holding the fixtures. */
    static Path directory() {
        return Path.of(uri("calculator.wsdl")).getParent();
    }
}

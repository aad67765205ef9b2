package dev.polygate.translators.soap.wsdl;

import dev.polygate.spi.ConfigException;

/**
 * Carries a {@link ConfigException} through wsdl4j and XmlSchema, whose callbacks (locator, URI resolver) cannot
 * throw checked exceptions; both libraries let runtime exceptions pass, and {@link WsdlImporter} unwraps it.
 */
final class ImportFailure extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final transient ConfigException problem;

    ImportFailure(ConfigException problem) {
        super(problem.getMessage(), null, false, false);
        this.problem = problem;
    }

    ConfigException problem() {
        return problem;
    }

    /** {@code problem} with where the failed reference came from appended to each message. */
    static ConfigException importedBy(ConfigException problem, String reference, String referrer) {
        if (referrer == null) {
            return problem;
        }
        return new ConfigException(problem.problems().stream()
                .map(p -> new ConfigException.Problem(p.path(), p.message() + " (" + reference + " in " + referrer
                        + ")"))
                .toList());
    }

    /** The first ImportFailure in the cause chain of {@code t}, or null. */
    static ImportFailure find(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause() == c ? null : c.getCause()) {
            if (c instanceof ImportFailure failure) {
                return failure;
            }
            if (c instanceof javax.wsdl.WSDLException w && w.getTargetException() != null
                    && w.getTargetException() != w.getCause()) {
                ImportFailure inner = find(w.getTargetException());
                if (inner != null) {
                    return inner;
                }
            }
        }
        return null;
    }
}

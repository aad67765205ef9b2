package dev.polygate.policies.auth;

import dev.polygate.spi.Principal;
import java.util.Objects;

/** What one {@link AuthMethod} found in a request. */
public sealed interface AuthOutcome {

    /** The request carries no credential of this method's kind. */
    static AuthOutcome absent() {
        return Absent.INSTANCE;
    }

    static AuthOutcome accepted(Principal principal) {
        return new Accepted(principal);
    }

    /** A credential of this kind is there but proves nothing; {@code reason} may be shown to the client. */
    static AuthOutcome refused(String reason) {
        return new Refused(reason);
    }

    enum Absent implements AuthOutcome {
        INSTANCE
    }

    record Accepted(Principal principal) implements AuthOutcome {
        public Accepted {
            Objects.requireNonNull(principal, "principal");
        }
    }

    record Refused(String reason) implements AuthOutcome {
        public Refused {
            Objects.requireNonNull(reason, "reason");
        }
    }
}

package dev.polygate.policies.auth.consumers;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.polygate.spi.ConfigException;
import dev.polygate.spi.Consumer;
import dev.polygate.spi.TranslatorContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;

/**
 * One index of the consumers' credentials per configuration, shared by every authentication policy that
 * configuration builds. A configuration is told apart by its {@code consumers} list itself (compared by identity,
 * held weakly): every reload reads files and environment variables afresh, and an index goes with its
 * configuration.
 */
public final class CredentialIndexes {
    private final Cache<List<Consumer>, Indexed> byConfiguration = Caffeine.newBuilder().weakKeys().build();
    private final Function<String, String> environment;

    /** The process's environment variables are read for {@code env:} keys. */
    public CredentialIndexes() {
        this(System::getenv);
    }

    CredentialIndexes(Function<String, String> environment) {
        this.environment = environment;
    }

    /**
     * The credentials of {@code context}'s configuration, indexed.
     *
     * @param otherKeys credential keys that other authentication methods read
     */
    public static Reading of(TranslatorContext context, Set<String> otherKeys) {
        return context.shared().get(CredentialIndexes.class, CredentialIndexes::new).read(context, otherKeys);
    }

    Reading read(TranslatorContext context, Set<String> otherKeys) {
        List<Consumer> consumers = context.consumers();
        Indexed indexed = byConfiguration.get(consumers, list -> {
            List<ConfigException.Problem> problems = new ArrayList<>();
            CredentialsReader reader = new CredentialsReader(context.configDirectory(), environment, otherKeys);
            return new Indexed(reader.read(list, problems), problems);
        });
        return new Reading(indexed.credentials, indexed.reported.compareAndSet(false, true) ? indexed.problems : List.of());
    }

    /**
     * The index, and its problems (with paths in the file) the first time a policy of the configuration asks for
     * it, empty afterwards: one report of each problem, however many policies read the consumers.
     */
    public record Reading(ConsumerCredentials credentials, List<ConfigException.Problem> problems) {
        public Reading {
            problems = List.copyOf(problems);
        }
    }

    private static final class Indexed {
        final ConsumerCredentials credentials;
        final List<ConfigException.Problem> problems;
        final AtomicBoolean reported = new AtomicBoolean();

        Indexed(ConsumerCredentials credentials, List<ConfigException.Problem> problems) {
            this.credentials = credentials;
            this.problems = List.copyOf(problems);
        }
    }
}

package dev.polygate.spi;

import java.nio.file.Path;
import java.util.Optional;

/** What the gateway offers to translator and policy factories while a configuration is built. */
public interface TranslatorContext {
    /** The upstream of that name from the {@code upstreams} section. */
    Optional<UpstreamConfig> upstream(String name);

    /** The names of every configured upstream, for error messages that list them. */
    default java.util.Set<String> upstreamNames() {
        return java.util.Set.of();
    }

    /** The directory of the configuration file; relative file names are resolved against it. */
    Path configDirectory();

    /**
     * The API documents of another route of the configuration being built, for translators that serve them.
     * The route is looked up when this is called, its documents each time the supplier is called (at request
     * time, when every route exists and after refreshes).
     *
     * @return empty when the configuration has no route of that name
     */
    default Optional<java.util.function.Supplier<java.util.List<ApiDocument>>> documentsOf(String route) {
        return Optional.empty();
    }

    /**
     * The paths of the route this translator is built for. Empty when it is not built for a route, or when the
     * route changes the path before the translator sees it ({@code stripPrefix}, {@code rewrite}), since what
     * arrives is then not what the match paths say.
     */
    default Optional<RoutePaths> routePaths() {
        return Optional.empty();
    }

    /** The socket transport the gateway's event loops use; connections must be opened with the same one. */
    TransportKind transport();

    /**
     * What the translators of this gateway share (the services the gateway's reflection lists, for one): the same
     * object for every configuration the gateway builds, and another one for another gateway in the same JVM.
     */
    GatewayShared shared();

    /**
     * This gateway's non-blocking resolver for host names, for bootstraps on its event loops of {@link
     * #transport()}'s kind.
     */
    default io.netty.resolver.AddressResolverGroup<java.net.InetSocketAddress> resolver() {
        return shared().get(UpstreamResolvers.class, UpstreamResolvers::new).forTransport(transport());
    }

    /**
     * State that outlives a reload: rate-limit counters, key caches, connections to Redis. Every configuration that
     * asks for {@code key} while an earlier one still holds it gets the same object; it is closed (when it is
     * {@link AutoCloseable}) once no running configuration holds it. Keys are the factory's to choose; prefix them
     * with the policy's name, and put in them whatever makes two objects different (the Redis address, the limit).
     *
     * @throws IllegalStateException when the key holds an object of another type
     */
    default <T> T keep(String key, Class<T> type, java.util.function.Supplier<? extends T> create) {
        throw new UnsupportedOperationException("this context keeps no state across configurations");
    }

    /** The {@code consumers} section of the configuration being built, in file order. */
    default java.util.List<Consumer> consumers() {
        return java.util.List.of();
    }
}

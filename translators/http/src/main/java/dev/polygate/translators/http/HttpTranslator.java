package dev.polygate.translators.http;

import dev.polygate.spi.ErrorKind;
import dev.polygate.spi.Exchange;
import dev.polygate.spi.GatewayException;
import dev.polygate.spi.Translator;
import io.netty.channel.EventLoop;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

/** The http translator of one route: proxies each exchange to the route's upstream. */
final class HttpTranslator implements Translator {
    private final Upstream upstream;
    private final BackendConfig config;
    private final Consumer<Upstream> onClose;
    private final AtomicBoolean closed = new AtomicBoolean();

    HttpTranslator(Upstream upstream, BackendConfig config, Consumer<Upstream> onClose) {
        this.upstream = upstream;
        this.config = config;
        this.onClose = onClose;
    }

    @Override
    public void handle(Exchange exchange) {
        if (!(exchange.executor() instanceof EventLoop loop)) {
            // Upstream connections must live on the client connection's loop; anything else is a wiring bug.
            exchange.response().sendError(new GatewayException(ErrorKind.INTERNAL,
                    "the http translator needs an exchange that runs on an event loop"));
            exchange.requestBody().discard();
            return;
        }
        new ProxiedExchange(exchange, upstream, loop, config).start();
    }

    Upstream upstream() {
        return upstream;
    }

    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            onClose.accept(upstream);
        }
    }
}

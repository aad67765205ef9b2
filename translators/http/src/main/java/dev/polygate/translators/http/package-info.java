/**
 * The {@code http} translator: a streaming reverse proxy from the edge to HTTP/1.1 ({@code http://}),
 * HTTP/2 prior-knowledge ({@code h2c://}) and TLS ({@code https://}, ALPN h2 then http/1.1) upstreams.
 *
 * <h2>Threads and pools</h2>
 * An exchange runs on its client connection's event loop, and so do its upstream connections: each
 * {@link dev.polygate.translators.http.Upstream} keeps one pool per event loop, found through a concurrent
 * map keyed by the loop, and everything inside a pool is confined to that loop. Upstreams are shared by every
 * route whose upstream configuration is equal, so a reload that keeps an upstream keeps its connections; the
 * last translator's {@code close()} retires it (idle connections close, busy ones after their exchange).
 *
 * <h2>Connections</h2>
 * Endpoints are taken round-robin per loop, skipping one that has no free capacity or that this exchange
 * failed to reach. HTTP/1.1 connections are kept alive and reused most-recent-first; a connection returns to
 * the pool only after a complete request and a complete keep-alive response, and is closed after the
 * upstream's {@code idleTimeout} unused. At most {@code maxConnectionsPerLoop} HTTP/1.1 connections per
 * endpoint per loop are open or opening; beyond that an exchange fails at once with 503
 * ({@code UPSTREAM_UNAVAILABLE}) instead of queueing, so a saturated upstream sheds load rather than
 * building a backlog. HTTP/2 uses one multiplexed connection per endpoint per loop (a new one after GOAWAY);
 * exchanges arriving while it is being opened wait for it. A reused connection that closes before any
 * response, with no body byte sent yet, is retried once on a fresh connection.
 *
 * <h2>Timeouts</h2>
 * The idle timeout counts silence while the gateway waits on the upstream: it starts with the request head
 * and is reset by every upstream read and every body chunk the upstream accepts; it is suspended while the
 * gateway itself stops reading because the client is slow. The total timeout covers the whole exchange.
 */
package dev.polygate.translators.http;

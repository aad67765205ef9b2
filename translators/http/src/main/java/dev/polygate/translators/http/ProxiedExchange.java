package dev.polygate.translators.http;

import dev.polygate.spi.Exchange;
import dev.polygate.spi.GatewayException;
import dev.polygate.spi.RequestBody;
import dev.polygate.spi.ResponseSink;
import io.netty.channel.Channel;
import io.netty.channel.EventLoop;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.util.concurrent.Future;
import io.netty.util.concurrent.Promise;
import java.util.ArrayList;
import java.util.List;

/**
 * One client exchange carried to the upstream: finds a connection, sends the request, relays the response,
 * and ends in exactly one of a complete response, an error, or the client's cancel. Runs on the client
 * connection's event loop, which is also the upstream connection's, so nothing here is shared.
 */
final class ProxiedExchange {
    private final Exchange exchange;
    private final Upstream upstream;
    private final LoopPool pool;
    private final BackendConfig config;
    private final EventLoop loop;
    private final ResponseSink sink;
    private final RequestBody body;
    private final ExchangeTimers timers;
    /** Endpoints this exchange could not connect to; the next attempt goes elsewhere. */
    private final List<EndpointPool> unreachable = new ArrayList<>(1);
    private GatewayException lastConnectFailure;
    private EndpointPool endpointPool;
    private UpstreamLease lease;
    private ResponseRelay relay;
    private RequestBodyForwarder forwarder;
    private boolean bodyHandled;
    private boolean requestComplete;
    private boolean freshConnectionTried;
    private boolean done;

    ProxiedExchange(Exchange exchange, Upstream upstream, EventLoop loop, BackendConfig config) {
        this.exchange = exchange;
        this.upstream = upstream;
        this.pool = upstream.pool(loop);
        this.config = config;
        this.loop = loop;
        this.sink = exchange.response();
        this.body = exchange.requestBody();
        this.timers = new ExchangeTimers(loop, config.idleTimeout(), config.totalTimeout(),
                this::idleTimedOut, this::totalTimedOut);
    }

    void start() {
        exchange.onCancel(this::cancel);
        if (done) {
            return; // the client had already gone
        }
        sink.onWritabilityChanged(this::sinkWritabilityChanged);
        timers.startTotal();
        acquire(false);
    }

    private void acquire(boolean fresh) {
        if (pool.isEmpty()) {
            fail(UpstreamFailures.noEndpoints(upstream));
            return;
        }
        EndpointPool target = fresh ? endpointPool : pool.pick(unreachable);
        if (target == null) {
            fail(lastConnectFailure != null ? lastConnectFailure : UpstreamFailures.allBusy(upstream));
            return;
        }
        endpointPool = target;
        Promise<UpstreamLease> leased = loop.newPromise();
        leased.addListener((Future<UpstreamLease> f) -> leased(target, f));
        target.acquire(leased, fresh);
    }

    private void leased(EndpointPool from, Future<UpstreamLease> result) {
        if (!result.isSuccess()) {
            if (done) {
                return;
            }
            lastConnectFailure = UpstreamFailures.connectFailed(upstream, from.endpoint(), result.cause());
            unreachable.add(from);
            acquire(false);
            return;
        }
        UpstreamLease leased = result.getNow();
        if (done) {
            leased.release(); // nothing was sent on it
            return;
        }
        lease = leased;
        exchange.upstream(leased.endpoint().authority());
        try {
            send();
        } catch (RuntimeException e) {
            fail(UpstreamFailures.unsendable(upstream, e));
        }
    }

    private void send() {
        Channel channel = lease.channel();
        relay = new ResponseRelay(this, sink, timers, lease.isHttp2());
        IdleConnectionGuard guard = lease.isHttp2() ? null : channel.pipeline().get(IdleConnectionGuard.class);
        if (guard != null) {
            relay.attachTo(guard);
        } else {
            channel.pipeline().addLast(ResponseRelay.NAME, relay);
        }
        HttpRequest head = UpstreamRequestHead.build(exchange.request(), exchange.client(), body,
                config.hostHeader(), lease.endpoint(), lease.isHttp2());
        timers.startIdle();
        UpstreamLease sentOn = lease;
        // Not flushed here: a body already at hand is flushed with the head, one write instead of two.
        channel.write(head).addListener(f -> {
            if (!f.isSuccess() && lease == sentOn) {
                upstreamFailed(relay, f.cause());
            }
        });
        if (body.isEmpty()) {
            requestComplete = true;
            if (!bodyHandled) {
                bodyHandled = true;
                body.discard(); // delivers the (empty) end, as the SPI asks every body to be consumed
            }
        } else if (forwarder == null) {
            bodyHandled = true;
            forwarder = new RequestBodyForwarder(this, body, loop);
            forwarder.target(channel);
            body.subscribe(forwarder);
        } else {
            forwarder.target(channel);
        }
        if (forwarder == null || !forwarder.startedSending()) {
            channel.flush(); // no body, or none of it has arrived yet: the head leaves on its own
        }
    }

    // ---- from the request body ----

    void requestProgress() {
        timers.activity();
    }

    void requestBodyEnded() {
        requestComplete = true;
    }

    void requestBodyFailed(GatewayException error) {
        fail(error);
    }

    void requestWriteFailed(Channel channel, Throwable cause) {
        if (lease != null && lease.channel() == channel) {
            upstreamFailed(relay, cause);
        }
    }

    // ---- from the upstream ----

    void responseEnded(ResponseRelay source, boolean keepAlive, HttpHeaders trailers) {
        if (source != relay || done) {
            return;
        }
        done = true;
        timers.cancel();
        UpstreamLease finished = lease;
        detach();
        // Only a connection whose request and response both ended cleanly knows where the next message starts.
        if (requestComplete && keepAlive) {
            finished.release();
        } else {
            finished.abort();
            stopForwarding();
        }
        sink.sendEnd(trailers);
    }

    void upstreamClosed(ResponseRelay source) {
        if (source == relay && !done && !retriedOnFreshConnection()) {
            fail(UpstreamFailures.closedEarly(upstream, lease.endpoint(), relay.headReceived(), relay.reset()));
        }
    }

    void upstreamFailed(ResponseRelay source, Throwable cause) {
        if (source == relay && !done && !retriedOnFreshConnection()) {
            fail(UpstreamFailures.broken(upstream, lease.endpoint(), cause, relay.headReceived()));
        }
    }

    void responseMalformed(ResponseRelay source, Throwable cause) {
        if (source == relay && !done) {
            fail(UpstreamFailures.malformed(upstream, lease.endpoint(), cause));
        }
    }

    void responseMalformed(ResponseRelay source, String what) {
        if (source == relay && !done) {
            fail(UpstreamFailures.malformed(upstream, lease.endpoint(), what));
        }
    }

    void upstreamWritabilityChanged(ResponseRelay source) {
        if (source == relay && forwarder != null) {
            forwarder.upstreamWritabilityChanged();
        }
    }

    // ---- from the client and the clock ----

    private void sinkWritabilityChanged() {
        if (relay != null) {
            relay.sinkWritabilityChanged();
        }
    }

    private void idleTimedOut() {
        if (!done && lease != null) {
            fail(UpstreamFailures.idle(upstream, lease.endpoint(), config.idleTimeout(), relay.headReceived()));
        }
    }

    private void totalTimedOut() {
        if (!done) {
            fail(UpstreamFailures.total(upstream, lease == null ? null : lease.endpoint(), config.totalTimeout()));
        }
    }

    /** The client went away: the upstream connection is closed (never pooled) or the stream reset. */
    private void cancel() {
        if (!done) {
            done = true;
            timers.cancel();
            abortLease();
            stopForwarding();
        }
    }

    // ---- endings ----

    /**
     * Sends the request again, once, on a new connection when that is safe: nothing of the response came
     * back and no body byte left the gateway, and either the connection was a reused one (a kept-alive
     * connection that closes without a word was almost always already given up by the server) or the
     * server said it did not process the stream (GOAWAY, REFUSED_STREAM).
     *
     * @return whether the exchange moved on to a fresh connection
     */
    private boolean retriedOnFreshConnection() {
        boolean safe = !freshConnectionTried && lease != null && !relay.headReceived()
                && (lease.reused() || relay.refusedByGoAway())
                && (forwarder == null || !forwarder.startedSending());
        if (!safe) {
            return false;
        }
        freshConnectionTried = true;
        timers.stopIdle();
        abortLease();
        if (forwarder != null) {
            forwarder.target(null);
        }
        acquire(true);
        return true;
    }

    private void fail(GatewayException error) {
        if (done) {
            return;
        }
        done = true;
        timers.cancel();
        abortLease();
        stopForwarding();
        exchange.error(error);
        sink.sendError(error);
        if (!bodyHandled) {
            bodyHandled = true;
            body.discard();
        }
    }

    private void abortLease() {
        if (lease != null) {
            UpstreamLease aborted = lease;
            detach();
            aborted.abort();
        }
    }

    private void detach() {
        if (relay != null) {
            relay.detach();
        }
        relay = null;
        lease = null;
    }

    private void stopForwarding() {
        if (forwarder != null) {
            forwarder.stop();
        }
    }
}

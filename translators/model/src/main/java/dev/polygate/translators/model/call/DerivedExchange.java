package dev.polygate.translators.model.call;

import dev.polygate.spi.Exchange;
import dev.polygate.spi.ForwardingExchange;
import dev.polygate.spi.RequestBody;
import dev.polygate.spi.RequestHead;
import dev.polygate.spi.ResponseSink;
import java.util.ArrayList;
import java.util.List;

/**
 * The exchange a backend translator sees when the gateway calls it on a client's behalf: the call's own
 * head, body and sink on the client's thread, and cancellation the gateway triggers itself (client gone,
 * deadline, invalid input) with {@link #cancel()}.
 */
public final class DerivedExchange extends ForwardingExchange {
    private final RequestBody body;
    private final ResponseSink sink;
    private final List<Runnable> cancels = new ArrayList<>(1);
    private RequestHead head;
    private boolean cancelled;

    public DerivedExchange(Exchange client, RequestHead head, RequestBody body, ResponseSink sink) {
        super(client);
        this.head = head;
        this.body = body;
        this.sink = sink;
    }

    @Override
    public RequestHead request() {
        return head;
    }

    @Override
    public void request(RequestHead newHead) {
        head = newHead;
    }

    @Override
    public RequestBody requestBody() {
        return body;
    }

    @Override
    public ResponseSink response() {
        return sink;
    }

    /** Registered actions run on {@link #cancel()}; after it, at once. */
    @Override
    public void onCancel(Runnable action) {
        if (cancelled) {
            action.run();
        } else {
            cancels.add(action);
        }
    }

    /** Tells the backend translator to drop the call (reset its stream); runs once. */
    public void cancel() {
        if (!cancelled) {
            cancelled = true;
            List<Runnable> actions = List.copyOf(cancels);
            cancels.clear();
            actions.forEach(Runnable::run);
        }
    }

    public boolean isCancelled() {
        return cancelled;
    }
}

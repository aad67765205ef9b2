package dev.polygate.translators.grpc.call;

import com.google.protobuf.Message;
import dev.polygate.spi.BodySubscriber;
import dev.polygate.spi.GatewayException;
import dev.polygate.spi.RequestBody;
import dev.polygate.translators.model.wire.GrpcFrames;
import io.netty.buffer.ByteBuf;
import io.netty.handler.codec.http.EmptyHttpHeaders;
import io.netty.util.concurrent.EventExecutor;
import java.util.ArrayDeque;

/**
 * The request body of a call the gateway makes itself: framed messages queued by the ingress side and
 * handed to the backend translator as it asks for them. Pausing is how the backend connection says it
 * cannot take more, which the ingress reads through {@link #isReady()}.
 *
 * <p>Messages offered during one task of the call's executor (the client's read batch: several WebSocket
 * messages, or NDJSON lines) leave together at the end of that task, as one chunk: one write and one flush
 * to the backend, several gRPC messages in one HTTP/2 DATA frame. A lone message leaves as soon as the task
 * that offered it ends, so batching adds no wait. The end of the body and a resume deliver at once.
 */
final class MessageBody implements RequestBody {
    private final ArrayDeque<ByteBuf> queued = new ArrayDeque<>(2);
    private final MessageBatch batch;
    private final EventExecutor executor;
    private final Runnable deliverTask = this::deliverQueued;
    private BodySubscriber subscriber;
    private boolean paused;
    private boolean ended;
    private boolean delivered;
    private boolean deliveryScheduled;
    private GatewayException failure;
    private Runnable readyListener;

    MessageBody(EventExecutor executor, MessageBatch batch) {
        this.executor = executor;
        this.batch = batch;
    }

    /** Queues one message (serialized protobuf, not yet framed); ownership passes. A small one is copied. */
    void offer(ByteBuf message) {
        if (ended || delivered) {
            message.release();
            return;
        }
        int size = GrpcFrames.HEADER_BYTES + message.readableBytes();
        if (size <= MessageBatch.MAX_BYTES) {
            makeRoom(size);
            batch.copy(message);
        } else {
            sealBatch();
            queued.add(GrpcFrames.frame(message.alloc(), GrpcFrames.DATA, message));
        }
        scheduleDelivery();
    }

    /** Serializes one message, framed, into the open batch. */
    void offer(Message message) {
        if (ended || delivered) {
            return;
        }
        makeRoom(GrpcFrames.HEADER_BYTES + message.getSerializedSize());
        batch.write(message);
        scheduleDelivery();
    }

    /** Seals the open batch when {@code bytes} more would take it past its size. */
    private void makeRoom(int bytes) {
        if (batch.size() > 0 && batch.size() + bytes > MessageBatch.MAX_BYTES) {
            sealBatch();
        }
    }

    private void sealBatch() {
        ByteBuf sealed = batch.seal();
        if (sealed != null) {
            queued.add(sealed);
        }
    }

    void end() {
        if (!ended) {
            ended = true;
            drain();
        }
    }

    void fail(GatewayException error) {
        if (!ended && !delivered) {
            failure = error;
            ended = true;
            drain();
        }
    }

    /** Frees what was never sent, after the call ended. */
    void discardQueued() {
        ByteBuf buf;
        while ((buf = queued.poll()) != null) {
            buf.release();
        }
        batch.release();
        ended = true;
        delivered = true; // the call is over: a delivery still scheduled has nothing to say
    }

    boolean isReady() {
        return !paused && !ended;
    }

    void onReady(Runnable listener) {
        this.readyListener = listener;
    }

    @Override
    public void subscribe(BodySubscriber subscriber) {
        if (this.subscriber != null) {
            throw new IllegalStateException("the body has a subscriber already");
        }
        this.subscriber = subscriber;
        drain();
    }

    @Override
    public void pause() {
        paused = true;
    }

    @Override
    public void resume() {
        if (paused) {
            paused = false;
            drain();
            Runnable listener = readyListener;
            if (listener != null && isReady()) {
                listener.run();
            }
        }
    }

    @Override
    public long declaredLength() {
        return -1;
    }

    @Override
    public boolean isEmpty() {
        return false;
    }

    private void scheduleDelivery() {
        if (!deliveryScheduled && subscriber != null && !paused) {
            deliveryScheduled = true;
            executor.execute(deliverTask);
        }
    }

    private void deliverQueued() {
        deliveryScheduled = false;
        drain();
    }

    private void drain() {
        if (subscriber == null || delivered) {
            return;
        }
        sealBatch();
        while (!paused && !queued.isEmpty()) {
            subscriber.onData(queued.poll());
        }
        if (ended && queued.isEmpty() && !delivered) {
            delivered = true;
            if (failure != null) {
                subscriber.onError(failure);
            } else {
                subscriber.onEnd(EmptyHttpHeaders.INSTANCE);
            }
        }
    }
}

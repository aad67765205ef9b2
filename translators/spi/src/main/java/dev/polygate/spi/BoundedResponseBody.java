package dev.polygate.spi;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.http.HttpHeaders;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;

/**
 * A body of the JDK's HTTP client read into memory up to a limit, for the documents and answers extensions fetch
 * (a WSDL, a key set, an introspection answer): a body announced or found larger fails the call with
 * {@link TooLarge} as soon as the limit is passed, never after downloading it.
 */
public final class BoundedResponseBody implements HttpResponse.BodySubscriber<byte[]> {
    /** The body is larger than the limit. */
    public static final class TooLarge extends IOException {
        private static final long serialVersionUID = 1L;

        TooLarge(long limit) {
            super("the answer is larger than " + limit + " bytes");
        }
    }

    private final long limit;
    private final CompletableFuture<byte[]> result = new CompletableFuture<>();
    private final ByteArrayOutputStream body = new ByteArrayOutputStream();
    private Flow.Subscription subscription;

    private BoundedResponseBody(long limit, HttpHeaders headers) {
        this.limit = limit;
        if (headers.firstValueAsLong("Content-Length").orElse(-1) > limit) {
            result.completeExceptionally(new TooLarge(limit));
        }
    }

    /** Reads bodies of at most {@code limit} bytes. */
    public static HttpResponse.BodyHandler<byte[]> atMost(long limit) {
        return info -> new BoundedResponseBody(limit, info.headers());
    }

    @Override
    public CompletionStage<byte[]> getBody() {
        return result;
    }

    @Override
    public void onSubscribe(Flow.Subscription granted) {
        subscription = granted;
        if (result.isDone()) {
            granted.cancel();
        } else {
            granted.request(Long.MAX_VALUE);
        }
    }

    @Override
    public void onNext(List<ByteBuffer> buffers) {
        if (result.isDone()) {
            return;
        }
        for (ByteBuffer buffer : buffers) {
            if (body.size() + (long) buffer.remaining() > limit) {
                subscription.cancel();
                result.completeExceptionally(new TooLarge(limit));
                return;
            }
            byte[] chunk = new byte[buffer.remaining()];
            buffer.get(chunk);
            body.writeBytes(chunk);
        }
    }

    @Override
    public void onError(Throwable failure) {
        result.completeExceptionally(failure);
    }

    @Override
    public void onComplete() {
        result.complete(body.toByteArray());
    }
}

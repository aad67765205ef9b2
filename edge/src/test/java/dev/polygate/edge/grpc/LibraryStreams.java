package dev.polygate.edge.grpc;

import dev.polygate.test.v1.Book;
import dev.polygate.test.v1.ChatMessage;
import dev.polygate.test.v1.ImportBooksRequest;
import dev.polygate.test.v1.ImportBooksResponse;
import dev.polygate.test.v1.ShelfEvent;
import dev.polygate.test.v1.WatchShelfRequest;
import io.grpc.Context;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.StreamObserver;
import java.util.concurrent.atomic.AtomicBoolean;

/** The library's streaming methods: a paced server stream, client streaming import, bidirectional chat. */
final class LibraryStreams {
    private final LibraryStore store;
    private final StreamSteps steps;

    LibraryStreams(LibraryStore store, StreamSteps steps) {
        this.store = store;
        this.steps = steps;
    }

    void watchShelf(WatchShelfRequest request, StreamObserver<ShelfEvent> answer) {
        if (store.shelf(request.getName()) == null) {
            answer.onError(BackendErrors.notFound("shelf", request.getName()));
            return;
        }
        // The call's context, not an on-cancel handler: this method blocks the thread such a handler would run on.
        // A context also ends when the call completes; only an end before that is the client going away.
        Context context = Context.current();
        AtomicBoolean completing = new AtomicBoolean();
        context.addListener(ended -> {
            if (!completing.get()) {
                steps.cancelled();
            }
        }, Runnable::run);
        try {
            for (int i = 1; i <= request.getMaxEvents(); i++) {
                if (!steps.await(request.getName())) {
                    completing.set(true);
                    answer.onError(Status.DEADLINE_EXCEEDED.withDescription("the test never asked for more")
                            .asRuntimeException());
                    return;
                }
                if (context.isCancelled()) {
                    return;
                }
                answer.onNext(ShelfEvent.newBuilder().setShelf(request.getName()).setKind(ShelfEvent.Kind.BOOK_ADDED)
                        .setBook(Book.newBuilder().setName(request.getName() + "/books/e" + i).setTitle("Event " + i))
                        .setTime(LibraryService.NOW).build());
            }
            completing.set(true);
            answer.onCompleted();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            answer.onError(Status.CANCELLED.asRuntimeException());
        }
    }

    StreamObserver<ImportBooksRequest> importBooks(StreamObserver<ImportBooksResponse> answer) {
        ImportBooksResponse.Builder imported = ImportBooksResponse.newBuilder();
        return new StreamObserver<>() {
            private boolean failed;

            @Override
            public void onNext(ImportBooksRequest request) {
                if (failed) {
                    return;
                }
                try {
                    imported.addNames(store.add(request.getParent(), "", request.getBook()).getName())
                            .setImported(imported.getImported() + 1);
                } catch (StatusRuntimeException e) {
                    failed = true;
                    answer.onError(e);
                }
            }

            @Override
            public void onError(Throwable t) {
                // the client went away: there is no one to answer
            }

            @Override
            public void onCompleted() {
                if (!failed) {
                    LibraryService.reply(answer, imported.build());
                }
            }
        };
    }

    StreamObserver<ChatMessage> chat(StreamObserver<ChatMessage> answer) {
        return new StreamObserver<>() {
            @Override
            public void onNext(ChatMessage message) {
                answer.onNext(message.toBuilder().setAuthor("echo").setText("re: " + message.getText())
                        .setSentTime(LibraryService.NOW).build());
            }

            @Override
            public void onError(Throwable t) {
                // the client went away: there is no one to answer
            }

            @Override
            public void onCompleted() {
                answer.onCompleted();
            }
        };
    }
}

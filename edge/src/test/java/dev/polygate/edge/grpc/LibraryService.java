package dev.polygate.edge.grpc;

import com.google.protobuf.Empty;
import com.google.protobuf.Timestamp;
import com.google.protobuf.util.FieldMaskUtil;
import com.google.protobuf.util.Timestamps;
import dev.polygate.test.v1.ArchiveFile;
import dev.polygate.test.v1.Book;
import dev.polygate.test.v1.ChatMessage;
import dev.polygate.test.v1.Checkout;
import dev.polygate.test.v1.CheckoutBookRequest;
import dev.polygate.test.v1.CreateBookRequest;
import dev.polygate.test.v1.CreateShelfRequest;
import dev.polygate.test.v1.DeleteShelfRequest;
import dev.polygate.test.v1.GetArchiveFileRequest;
import dev.polygate.test.v1.GetBookRequest;
import dev.polygate.test.v1.GetShelfRequest;
import dev.polygate.test.v1.GetStatsRequest;
import dev.polygate.test.v1.ImportBooksRequest;
import dev.polygate.test.v1.ImportBooksResponse;
import dev.polygate.test.v1.LibraryGrpc;
import dev.polygate.test.v1.ListBooksRequest;
import dev.polygate.test.v1.ListBooksResponse;
import dev.polygate.test.v1.ListShelvesRequest;
import dev.polygate.test.v1.ListShelvesResponse;
import dev.polygate.test.v1.MergeShelvesRequest;
import dev.polygate.test.v1.MoveBookRequest;
import dev.polygate.test.v1.PingRequest;
import dev.polygate.test.v1.PingResponse;
import dev.polygate.test.v1.Shelf;
import dev.polygate.test.v1.ShelfEvent;
import dev.polygate.test.v1.Stats;
import dev.polygate.test.v1.TagBookRequest;
import dev.polygate.test.v1.UpdateBookRequest;
import dev.polygate.test.v1.WatchShelfRequest;
import io.grpc.Status;
import io.grpc.stub.StreamObserver;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** A small in-memory library: shelves hold books; resource names as in library.proto. */
final class LibraryService extends LibraryGrpc.LibraryImplBase {
    /** Every time the backend stamps, so answers are predictable. */
    static final Timestamp NOW = Timestamps.fromMillis(1_704_164_645_123L);

    private final LibraryStore store = new LibraryStore();
    private final Map<String, Shelf> shelves = store.shelves;
    private final Map<String, Book> books = store.books;
    private final LibraryStreams streams;

    LibraryService(StreamSteps steps) {
        this.streams = new LibraryStreams(store, steps);
    }

    @Override
    public void createShelf(CreateShelfRequest request, StreamObserver<Shelf> answer) {
        if (request.getShelf().getTheme().isEmpty()) {
            answer.onError(BackendErrors.invalid("shelf.theme", "a shelf needs a theme"));
            return;
        }
        String name = "shelves/" + (request.getRequestId().isEmpty() ? "s" + store.nextId() : request.getRequestId());
        Shelf shelf = request.getShelf().toBuilder().setName(name).setCreateTime(NOW).build();
        if (shelves.putIfAbsent(name, shelf) != null) {
            answer.onError(Status.ALREADY_EXISTS.withDescription(name + " exists already").asRuntimeException());
            return;
        }
        reply(answer, shelf);
    }

    @Override
    public void getShelf(GetShelfRequest request, StreamObserver<Shelf> answer) {
        Shelf shelf = store.shelf(request.getName());
        if (shelf == null) {
            answer.onError(BackendErrors.notFound("shelf", request.getName()));
        } else if (request.hasReadMask()) {
            Shelf.Builder masked = Shelf.newBuilder();
            FieldMaskUtil.merge(request.getReadMask(), shelf, masked);
            reply(answer, masked.build());
        } else {
            reply(answer, shelf);
        }
    }

    @Override
    public void listShelves(ListShelvesRequest request, StreamObserver<ListShelvesResponse> answer) {
        List<Shelf> all = new ArrayList<>(shelves.keySet().stream().map(store::shelf).toList());
        int from = request.getPageToken().isEmpty() ? 0 : Integer.parseInt(request.getPageToken());
        int size = request.getPageSize() <= 0 ? all.size() : request.getPageSize();
        int to = Math.min(all.size(), from + size);
        ListShelvesResponse.Builder page = ListShelvesResponse.newBuilder().addAllShelves(all.subList(from, to));
        if (to < all.size()) {
            page.setNextPageToken(Integer.toString(to));
        }
        reply(answer, page.build());
    }

    @Override
    public void deleteShelf(DeleteShelfRequest request, StreamObserver<Empty> answer) {
        if (store.shelf(request.getName()) == null) {
            answer.onError(BackendErrors.notFound("shelf", request.getName()));
            return;
        }
        List<String> held = books.keySet().stream().filter(b -> b.startsWith(request.getName() + "/")).toList();
        if (!held.isEmpty() && !request.getForce()) {
            answer.onError(Status.FAILED_PRECONDITION.withDescription(request.getName() + " is not empty")
                    .asRuntimeException());
            return;
        }
        held.forEach(books::remove);
        shelves.remove(request.getName());
        reply(answer, Empty.getDefaultInstance());
    }

    @Override
    public void mergeShelves(MergeShelvesRequest request, StreamObserver<Shelf> answer) {
        Shelf target = store.shelf(request.getName());
        if (target == null || store.shelf(request.getOtherShelf()) == null) {
            answer.onError(BackendErrors.notFound("shelf", target == null ? request.getName() : request.getOtherShelf()));
            return;
        }
        for (Book book : List.copyOf(books.values())) {
            if (book.getName().startsWith(request.getOtherShelf() + "/")) {
                store.move(book, request.getName());
            }
        }
        shelves.remove(request.getOtherShelf());
        reply(answer, store.shelf(request.getName()));
    }

    @Override
    public void createBook(CreateBookRequest request, StreamObserver<Book> answer) {
        try {
            reply(answer, store.add(request.getParent(), request.getBookId(), request.getBook()));
        } catch (io.grpc.StatusRuntimeException e) {
            answer.onError(e);
        }
    }

    @Override
    public void getBook(GetBookRequest request, StreamObserver<Book> answer) {
        Book book = store.book(request.getName());
        if (book == null) {
            answer.onError(BackendErrors.notFound("book", request.getName()));
        } else {
            reply(answer, book);
        }
    }

    @Override
    public void updateBook(UpdateBookRequest request, StreamObserver<Book> answer) {
        Book current = books.get(request.getBook().getName());
        if (current == null) {
            answer.onError(BackendErrors.notFound("book", request.getBook().getName()));
            return;
        }
        Book.Builder updated = current.toBuilder();
        if (request.hasUpdateMask()) {
            FieldMaskUtil.merge(request.getUpdateMask(), request.getBook(), updated,
                    new FieldMaskUtil.MergeOptions().setReplaceRepeatedFields(true).setReplaceMessageFields(true));
        } else {
            updated.mergeFrom(request.getBook());
        }
        books.put(current.getName(), updated.build());
        reply(answer, updated.build());
    }

    @Override
    public void listBooks(ListBooksRequest request, StreamObserver<ListBooksResponse> answer) {
        reply(answer, ListBooksResponse.newBuilder().addAllBooks(store.find(request)).build());
    }

    @Override
    public void moveBook(MoveBookRequest request, StreamObserver<Book> answer) {
        Book book = books.get(request.getName());
        if (book == null || store.shelf(request.getOtherShelfName()) == null) {
            answer.onError(BackendErrors.notFound(book == null ? "book" : "shelf",
                    book == null ? request.getName() : request.getOtherShelfName()));
            return;
        }
        reply(answer, store.move(book, request.getOtherShelfName()));
    }

    @Override
    public void tagBook(TagBookRequest request, StreamObserver<Book> answer) {
        Book book = books.get(request.getName());
        if (book == null) {
            answer.onError(BackendErrors.notFound("book", request.getName()));
            return;
        }
        Book tagged = book.toBuilder().addAllTags(request.getTagsList()).build();
        books.put(tagged.getName(), tagged);
        reply(answer, tagged);
    }

    @Override
    public void checkoutBook(CheckoutBookRequest request, StreamObserver<Checkout> answer) {
        if (books.get(request.getCheckout().getBook().getName()) == null) {
            answer.onError(BackendErrors.notFound("book", request.getCheckout().getBook().getName()));
            return;
        }
        reply(answer, request.getCheckout().toBuilder().setDueTime(NOW).build());
    }

    @Override
    public void getArchiveFile(GetArchiveFileRequest request, StreamObserver<ArchiveFile> answer) {
        reply(answer, ArchiveFile.newBuilder().setPath(request.getPath())
                .setContent(com.google.protobuf.ByteString.copyFrom("contents of " + request.getPath(),
                        StandardCharsets.UTF_8)).build());
    }

    @Override
    public void getStats(GetStatsRequest request, StreamObserver<Stats> answer) {
        long matching = books.values().stream()
                .filter(b -> request.getAuthor().isEmpty() || b.getAuthor().getDisplayName().equals(request.getAuthor()))
                .filter(b -> request.getGenre().getNumber() == 0 || b.getGenre() == request.getGenre())
                .count();
        reply(answer, Stats.newBuilder().setShelfCount(shelves.size()).setBookCount(matching).build());
    }

    @Override
    public void watchShelf(WatchShelfRequest request, StreamObserver<ShelfEvent> answer) {
        streams.watchShelf(request, answer);
    }

    @Override
    public StreamObserver<ImportBooksRequest> importBooks(StreamObserver<ImportBooksResponse> answer) {
        return streams.importBooks(answer);
    }

    @Override
    public StreamObserver<ChatMessage> chat(StreamObserver<ChatMessage> answer) {
        return streams.chat(answer);
    }

    @Override
    public void ping(PingRequest request, StreamObserver<PingResponse> answer) {
        reply(answer, PingResponse.newBuilder().setMessage("pong: " + request.getMessage()).setServerTime(NOW).build());
    }

    static <T> void reply(StreamObserver<T> answer, T message) {
        answer.onNext(message);
        answer.onCompleted();
    }
}

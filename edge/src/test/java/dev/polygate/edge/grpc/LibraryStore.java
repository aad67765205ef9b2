package dev.polygate.edge.grpc;

import dev.polygate.test.v1.Book;
import dev.polygate.test.v1.Shelf;
import com.google.protobuf.util.Durations;
import com.google.protobuf.util.Timestamps;
import dev.polygate.test.v1.ListBooksRequest;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.atomic.AtomicInteger;

/** The library's shelves and books, by resource name. */
final class LibraryStore {
    final Map<String, Shelf> shelves = new ConcurrentSkipListMap<>();
    final Map<String, Book> books = new ConcurrentSkipListMap<>();
    private final AtomicInteger ids = new AtomicInteger();

    int nextId() {
        return ids.incrementAndGet();
    }

    Book add(String parent, String id, Book book) {
        if (shelf(parent) == null) {
            throw BackendErrors.notFound("shelf", parent);
        }
        if (book.getTitle().isEmpty()) {
            throw BackendErrors.invalid("book.title", "a book needs a title");
        }
        Book stored = book.toBuilder().setName(parent + "/books/" + (id.isEmpty() ? "b" + nextId() : id))
                .build();
        books.put(stored.getName(), stored);
        shelves.computeIfPresent(parent, (k, s) -> s.toBuilder().setBookCount(s.getBookCount() + 1).build());
        return stored;
    }

    Book move(Book book, String toShelf) {
        books.remove(book.getName());
        shelves.computeIfPresent(book.getName().substring(0, book.getName().indexOf("/books/")),
                (k, s) -> s.toBuilder().setBookCount(s.getBookCount() - 1).build());
        String id = book.getName().substring(book.getName().lastIndexOf('/') + 1);
        return add(toShelf, id, book);
    }

    Shelf shelf(String name) {
        return shelves.get(name);
    }

    /** Finds "shelves/s/books/b", or "books/b" on any shelf (the second binding of GetBook). */
    Book book(String name) {
        if (name.startsWith("books/")) {
            String suffix = "/" + name;
            return books.values().stream().filter(b -> b.getName().endsWith(suffix)).findFirst().orElse(null);
        }
        return books.get(name);
    }

    /** The books of a ListBooks request: every filter it sets must hold. */
    List<Book> find(ListBooksRequest request) {
        return books.values().stream()
                .filter(b -> b.getName().startsWith(request.getParent() + "/"))
                .filter(b -> request.getGenre().getNumber() == 0 || b.getGenre() == request.getGenre())
                .filter(b -> b.getTagsList().containsAll(request.getTagsList()))
                .filter(b -> !request.hasPublishedAfter()
                        || Timestamps.compare(b.getPublishTime(), request.getPublishedAfter()) > 0)
                .filter(b -> request.getAuthor().getDisplayName().isEmpty()
                        || b.getAuthor().getDisplayName().equals(request.getAuthor().getDisplayName()))
                .filter(b -> !request.hasMaxReadingTime()
                        || Durations.compare(b.getReadingTime(), request.getMaxReadingTime()) <= 0)
                .toList();
    }
}

package dev.polygate.translators.model.docs;

import com.google.protobuf.Descriptors.FileDescriptor;
import com.google.protobuf.Descriptors.ServiceDescriptor;
import dev.polygate.spi.ApiDocument;
import dev.polygate.translators.model.openapi.JsonDialect;
import dev.polygate.translators.model.openapi.OpenApiGenerator;
import dev.polygate.translators.model.protosource.ProtoSourcePrinter;
import dev.polygate.translators.model.transcoding.HttpRuleIndex;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;

/**
 * The API documents of a route's services: {@code openapi.json} and the .proto files of the services with the
 * user files they import (google/* files are well known and left out). Each is rendered on first request and
 * kept; a refreshed schema gets new documents.
 */
public final class ApiDocuments {
    private ApiDocuments() {
    }

    /**
     * The documents of any services with HTTP rules, the OpenAPI document in the JSON dialect their routes speak
     * (the soap translator's too).
     */
    public static List<ApiDocument> of(List<ServiceDescriptor> services, HttpRuleIndex rules, JsonDialect dialect) {
        List<ApiDocument> documents = new ArrayList<>();
        if (services.isEmpty()) {
            return documents;
        }
        documents.add(new ApiDocument("openapi.json", "application/json", once(() -> OpenApiGenerator.render(
                OpenApiGenerator.generate(services, rules, dialect, OpenApiGenerator.GenericBindings.UNANNOTATED)))));
        for (FileDescriptor file : files(services)) {
            documents.add(new ApiDocument(file.getName(), "text/plain; charset=utf-8",
                    once(() -> ProtoSourcePrinter.print(file).getBytes(StandardCharsets.UTF_8))));
        }
        return List.copyOf(documents);
    }

    private static Set<FileDescriptor> files(List<ServiceDescriptor> services) {
        Set<FileDescriptor> files = new LinkedHashSet<>();
        Deque<FileDescriptor> pending = new ArrayDeque<>();
        services.forEach(s -> pending.add(s.getFile()));
        while (!pending.isEmpty()) {
            FileDescriptor file = pending.pop();
            if (!file.getName().startsWith("google/") && files.add(file)) {
                pending.addAll(file.getDependencies());
            }
        }
        return files;
    }

    /** Rendering takes milliseconds; racing requests may both render, which is harmless. */
    private static Supplier<byte[]> once(Supplier<byte[]> render) {
        return new Supplier<>() {
            private volatile byte[] bytes;

            @Override
            public byte[] get() {
                byte[] done = bytes;
                if (done == null) {
                    done = render.get();
                    bytes = done;
                }
                return done.clone();
            }
        };
    }
}

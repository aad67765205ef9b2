package dev.polygate.translators.model.transcoding;

import com.google.protobuf.Descriptors;
import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Message;
import com.google.protobuf.MessageOrBuilder;
import com.google.protobuf.TypeRegistry;
import com.google.protobuf.util.JsonFormat;
import dev.polygate.spi.ErrorKind;
import dev.polygate.spi.GatewayException;
import java.util.Set;

/**
 * The proto3 JSON mapping as JsonFormat reads and writes it. The messages {@link DirectJsonShapes} handles are
 * read by {@link DirectJsonReader} and printed by {@link DirectJsonWriter}, which give the same results without
 * JsonFormat's per-call set-up and the Gson tree in between; every other type, every document the direct reader
 * leaves (see there), and printing with defaults shown go through JsonFormat. JsonFormat's errors name neither the
 * field nor always the problem, so a refused document is explained by {@link JsonProblemFinder}; and since
 * JsonFormat takes impossible dates as other instants, documents that can hold a timestamp are checked again
 * strictly.
 */
final class ProtoJsonCodec implements JsonCodec {

    private final JsonFormat.Parser parser;
    private final JsonFormat.Printer printer;
    private final JsonProblemFinder problems;
    private final StrictTimestamps timestamps;
    private final DirectJsonReader directReader;
    /** Null when defaults are printed: JsonFormat prints those. */
    private final DirectJsonWriter directWriter;

    ProtoJsonCodec(TranscodingOptions options, TypeRegistry types) {
        JsonFormat.Parser in = JsonFormat.parser().usingTypeRegistry(types);
        this.parser = options.ignoreUnknownFields() ? in.ignoringUnknownFields() : in;
        JsonFormat.Printer out = JsonFormat.printer().usingTypeRegistry(types).omittingInsignificantWhitespace();
        if (options.preserveProtoFieldNames()) {
            out = out.preservingProtoFieldNames();
        }
        if (options.emitDefaults()) {
            out = out.includingDefaultValueFields();
        }
        this.printer = out;
        this.problems = new JsonProblemFinder(new FieldNames(), options.ignoreUnknownFields());
        this.timestamps = new StrictTimestamps();
        DirectJsonShapes shapes = new DirectJsonShapes(options.preserveProtoFieldNames());
        this.directReader = new DirectJsonReader(shapes, options.ignoreUnknownFields());
        this.directWriter = options.emitDefaults() ? null : new DirectJsonWriter(shapes);
    }

    private ProtoJsonCodec(ProtoJsonCodec base, JsonFormat.Printer printer) {
        this.parser = base.parser;
        this.printer = printer;
        this.problems = base.problems;
        this.timestamps = base.timestamps;
        this.directReader = base.directReader;
        this.directWriter = null;
    }

    /**
     * This codec, printing the field even when it holds its default: a {@code response_body} value is
     * answered whatever it holds.
     */
    ProtoJsonCodec showingDefaultsOf(FieldDescriptor field) {
        return new ProtoJsonCodec(this, printer.includingDefaultValueFields(Set.of(field)));
    }

    @Override
    public void merge(String json, Message.Builder builder) {
        merge(json, builder, "");
    }

    /**
     * As {@link #merge(String, Message.Builder)} for a document found at {@code pathPrefix} of the request
     * (a {@code body: "field"} message), so that errors name fields by their path in the request.
     */
    void merge(String json, Message.Builder builder, String pathPrefix) {
        if (mergeDirectly(json, builder)) {
            return; // handled types hold no timestamp
        }
        try {
            parser.merge(json, builder);
        } catch (InvalidProtocolBufferException | RuntimeException e) {
            String problem = problems.find(json, builder.getDescriptorForType(), pathPrefix);
            if (problem == null) {
                problem = "invalid JSON for " + builder.getDescriptorForType().getFullName() + ": "
                        + JsonProblemFinder.syntaxMessage(e.getMessage());
            }
            throw new GatewayException(ErrorKind.BAD_REQUEST, problem);
        }
        // The finder follows JsonFormat's rules otherwise, so on a document JsonFormat took it only finds dates.
        if (timestamps.mayHold(builder.getDescriptorForType())) {
            String problem = problems.find(json, builder.getDescriptorForType(), pathPrefix);
            if (problem != null) {
                throw new GatewayException(ErrorKind.BAD_REQUEST, problem);
            }
        }
    }

    /**
     * Merges the document into an empty builder of a type the direct reader handles, when it takes the document;
     * false (the builder left empty) when JsonFormat must read it.
     */
    boolean mergeDirectly(String json, Message.Builder builder) {
        if (!directReader.handles(builder) || !isEmpty(builder)) {
            return false;
        }
        try {
            directReader.merge(json, builder);
            return true;
        } catch (DirectJsonReader.Unhandled leftToJsonFormat) {
            clear(builder);
            return false;
        }
    }

    /** Empties the builder, oneof cases included (a dynamic builder's {@code clear()} keeps them). */
    private static void clear(Message.Builder builder) {
        builder.clear();
        for (Descriptors.OneofDescriptor oneof : builder.getDescriptorForType().getOneofs()) {
            builder.clearOneof(oneof);
        }
    }

    private static boolean isEmpty(Message.Builder builder) {
        return builder.getAllFields().isEmpty() && builder.getUnknownFields().asMap().isEmpty();
    }

    @Override
    public String print(MessageOrBuilder message) {
        String direct = directWriter == null ? null : directWriter.print(message);
        if (direct != null) {
            return direct;
        }
        try {
            return printer.print(message);
        } catch (InvalidProtocolBufferException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
    }
}

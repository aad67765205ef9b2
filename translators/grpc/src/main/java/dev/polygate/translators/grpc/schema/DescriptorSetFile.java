package dev.polygate.translators.grpc.schema;

import com.google.protobuf.DescriptorProtos.FileDescriptorProto;
import com.google.protobuf.DescriptorProtos.FileDescriptorSet;
import com.google.protobuf.Descriptors.FileDescriptor;
import com.google.protobuf.InvalidProtocolBufferException;
import dev.polygate.spi.ConfigException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** A serialized FileDescriptorSet, as written by {@code protoc --descriptor_set_out} or {@code buf build -o}. */
final class DescriptorSetFile {
    private DescriptorSetFile() {
    }

    static List<FileDescriptor> load(Path file) throws ConfigException {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (IOException e) {
            throw new ConfigException("", "cannot read " + file + ": " + e);
        }
        return DescriptorLinker.link(parse(bytes, file.toString()), "descriptor set " + file);
    }

    static List<FileDescriptorProto> parse(byte[] bytes, String name) throws ConfigException {
        FileDescriptorSet set;
        try {
            set = FileDescriptorSet.parseFrom(bytes, ClasspathDescriptors.EXTENSIONS);
        } catch (InvalidProtocolBufferException e) {
            throw new ConfigException("", name + " is not a serialized FileDescriptorSet" + sourceHint(bytes)
                    + ": " + e.getMessage());
        }
        if (set.getFileCount() == 0) {
            throw new ConfigException("", name + " holds no files" + sourceHint(bytes));
        }
        return set.getFileList();
    }

    /** A .proto source given where a compiled set is expected is the likeliest mistake; say so. */
    private static String sourceHint(byte[] bytes) {
        String start = new String(bytes, 0, Math.min(bytes.length, 4096), StandardCharsets.ISO_8859_1);
        return start.contains("syntax") || start.contains("package ") || start.contains("message ")
                ? " (it looks like .proto source: list it under protos.files instead)" : "";
    }
}

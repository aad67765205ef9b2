package dev.polygate.translators.grpc.reflection;

import com.google.protobuf.Descriptors;
import com.google.protobuf.InvalidProtocolBufferException;
import dev.polygate.spi.BodySubscriber;
import dev.polygate.spi.ErrorKind;
import dev.polygate.spi.Exchange;
import dev.polygate.spi.GatewayException;
import dev.polygate.spi.ResponseSink;
import dev.polygate.translators.model.catalog.ServiceCatalog;
import dev.polygate.translators.model.wire.GrpcAnswers;
import dev.polygate.translators.model.wire.GrpcException;
import dev.polygate.translators.model.wire.GrpcFrameDecoder;
import dev.polygate.translators.model.wire.GrpcFrames;
import dev.polygate.translators.model.wire.GrpcStatus;
import dev.polygate.translators.model.wire.GrpcStatusCode;
import io.grpc.reflection.v1.ErrorResponse;
import io.grpc.reflection.v1.FileDescriptorResponse;
import io.grpc.reflection.v1.ListServiceResponse;
import io.grpc.reflection.v1.ServerReflectionRequest;
import io.grpc.reflection.v1.ServerReflectionResponse;
import io.grpc.reflection.v1.ServiceResponse;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.ByteBufInputStream;
import io.netty.handler.codec.http.HttpHeaders;
import java.io.IOException;
import java.util.List;

/**
 * Answers the reflection stream of one client: each request message gets its response as it arrives.
 * v1 and v1alpha messages are the same on the wire, so one set of classes serves both paths.
 */
final class ReflectionService {
    private static final int MAX_REQUEST = 64 * 1024;

    private final ServiceCatalog catalog;

    ReflectionService(ServiceCatalog catalog) {
        this.catalog = catalog;
    }

    void handle(Exchange exchange) {
        String path = exchange.request().path();
        ResponseSink sink = exchange.response();
        if (!path.equals("/grpc.reflection.v1.ServerReflection/ServerReflectionInfo")
                && !path.equals("/grpc.reflection.v1alpha.ServerReflection/ServerReflectionInfo")) {
            exchange.requestBody().discard();
            GrpcAnswers.end(sink, new GrpcStatus(GrpcStatusCode.UNIMPLEMENTED, "unknown method " + path, null));
            return;
        }
        exchange.requestBody().subscribe(new Stream(exchange, catalog.services()));
    }

    private static final class Stream implements BodySubscriber, GrpcFrameDecoder.FrameListener {
        private final Exchange exchange;
        private final GrpcFrameDecoder decoder = new GrpcFrameDecoder(MAX_REQUEST);
        private final SymbolIndex symbols;
        private boolean failed;

        Stream(Exchange exchange, List<Descriptors.ServiceDescriptor> services) {
            this.exchange = exchange;
            this.symbols = SymbolIndex.of(services);
        }

        @Override
        public void onData(ByteBuf chunk) {
            if (failed) {
                chunk.release();
                return;
            }
            try {
                decoder.decode(chunk, this);
            } catch (GrpcException e) {
                fail(e.status());
            }
        }

        @Override
        public void onFrame(int flags, ByteBuf payload) {
            ServerReflectionRequest request;
            try (ByteBufInputStream in = new ByteBufInputStream(payload, true)) {
                request = ServerReflectionRequest.parseFrom(in);
            } catch (InvalidProtocolBufferException e) {
                fail(GrpcStatus.of(new GatewayException(ErrorKind.BAD_REQUEST, "malformed reflection request")));
                return;
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
            if (failed) {
                return;
            }
            ResponseSink sink = exchange.response();
            GrpcAnswers.startIfNeeded(sink);
            byte[] answer = answer(request).toByteArray();
            sink.sendData(GrpcFrames.frame(ByteBufAllocator.DEFAULT, 0, answer));
        }

        @Override
        public void onEnd(HttpHeaders trailers) {
            decoder.release();
            if (!failed) {
                GrpcAnswers.end(exchange.response(), decoderTruncated()
                        ? new GrpcStatus(GrpcStatusCode.INVALID_ARGUMENT, "the request ended inside a message", null)
                        : new GrpcStatus(GrpcStatusCode.OK, null, null));
            }
        }

        @Override
        public void onError(GatewayException error) {
            decoder.release();
            fail(GrpcStatus.of(error));
        }

        private boolean decoderTruncated() {
            return decoder.hasPartialFrame();
        }

        private void fail(GrpcStatus status) {
            if (!failed) {
                failed = true;
                decoder.release();
                GrpcAnswers.end(exchange.response(), status);
            }
        }

        private ServerReflectionResponse answer(ServerReflectionRequest request) {
            ServerReflectionResponse.Builder response = ServerReflectionResponse.newBuilder()
                    .setValidHost(request.getHost()).setOriginalRequest(request);
            switch (request.getMessageRequestCase()) {
                case LIST_SERVICES -> {
                    ListServiceResponse.Builder list = ListServiceResponse.newBuilder();
                    for (String name : symbols.serviceNames()) {
                        list.addService(ServiceResponse.newBuilder().setName(name));
                    }
                    response.setListServicesResponse(list);
                }
                case FILE_BY_FILENAME -> files(response, symbols.fileByName(request.getFileByFilename()),
                        "no file named " + request.getFileByFilename());
                case FILE_CONTAINING_SYMBOL -> files(response, symbols.fileContainingSymbol(request.getFileContainingSymbol()),
                        "no symbol named " + request.getFileContainingSymbol());
                default -> response.setErrorResponse(ErrorResponse.newBuilder()
                        .setErrorCode(GrpcStatusCode.UNIMPLEMENTED.value())
                        .setErrorMessage("the gateway answers list_services, file_by_filename and file_containing_symbol"));
            }
            return response.build();
        }

        private void files(ServerReflectionResponse.Builder response, Descriptors.FileDescriptor file, String missing) {
            if (file == null) {
                response.setErrorResponse(ErrorResponse.newBuilder()
                        .setErrorCode(GrpcStatusCode.NOT_FOUND.value()).setErrorMessage(missing));
                return;
            }
            FileDescriptorResponse.Builder files = FileDescriptorResponse.newBuilder();
            for (Descriptors.FileDescriptor each : SymbolIndex.withDependencies(file)) {
                files.addFileDescriptorProto(each.toProto().toByteString());
            }
            response.setFileDescriptorResponse(files);
        }
    }
}

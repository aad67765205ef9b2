package dev.polygate.translators.model.web;

import dev.polygate.demo.greeter.v1.HelloReply;
import dev.polygate.demo.greeter.v1.HelloRequest;
import dev.polygate.translators.model.call.CallListener;
import dev.polygate.translators.model.call.MessageCall;
import dev.polygate.translators.model.wire.GrpcStatus;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.HttpHeaders;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * An in-memory backend behind the {@link MessageCall} seam: greets every request message at half-close, or
 * ends with a given status, or never answers. It records what the ingress did to it.
 */
final class ScriptedCall implements MessageCall {
    enum Script { GREET, FAIL, SILENT }

    private final Script script;
    private final GrpcStatus failure;
    private final CallListener listener;
    final HttpHeaders metadata;
    final List<String> names = new CopyOnWriteArrayList<>();
    final CompletableFuture<Void> cancelled = new CompletableFuture<>();
    volatile boolean halfClosed;

    ScriptedCall(Script script, GrpcStatus failure, HttpHeaders metadata, CallListener listener) {
        this.script = script;
        this.failure = failure;
        this.metadata = metadata;
        this.listener = listener;
    }

    @Override
    public void start() {
    }

    @Override
    public void sendMessage(ByteBuf message) {
        try {
            names.add(HelloRequest.parseFrom(ByteBufUtil.getBytes(message)).getName());
        } catch (com.google.protobuf.InvalidProtocolBufferException e) {
            throw new AssertionError(e);
        } finally {
            message.release();
        }
    }

    @Override
    public void halfClose() {
        halfClosed = true;
        if (script == Script.GREET) {
            listener.onHeaders(new DefaultHttpHeaders().add("x-backend", "scripted"));
            for (String name : names) {
                listener.onMessage(Unpooled.wrappedBuffer(
                        HelloReply.newBuilder().setMessage("Hello, " + name + "!").build().toByteArray()));
            }
            listener.onClose(GrpcStatus.OK, new DefaultHttpHeaders().add("x-trailer", "t"));
        } else if (script == Script.FAIL) {
            listener.onClose(failure, new DefaultHttpHeaders().add("x-trailer", "t"));
        }
    }

    @Override
    public void cancel() {
        cancelled.complete(null);
    }

    @Override
    public boolean isReady() {
        return true;
    }

    @Override
    public void onReady(Runnable readyListener) {
    }
}

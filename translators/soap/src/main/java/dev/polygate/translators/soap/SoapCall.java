package dev.polygate.translators.soap;

import com.google.protobuf.DynamicMessage;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Message;
import dev.polygate.spi.ErrorKind;
import dev.polygate.spi.Exchange;
import dev.polygate.spi.GatewayException;
import dev.polygate.spi.RequestHead;
import dev.polygate.spi.Translator;
import dev.polygate.translators.model.call.CallListener;
import dev.polygate.translators.model.call.DerivedExchange;
import dev.polygate.translators.model.call.MessageCall;
import dev.polygate.translators.model.wire.GrpcStatus;
import dev.polygate.translators.soap.validation.MessageValidator;
import dev.polygate.translators.soap.xml.HeaderBlock;
import dev.polygate.translators.soap.xml.IllegalXmlCharacterException;
import dev.polygate.translators.soap.xml.MissingValueException;
import dev.polygate.translators.soap.xml.SoapProtocolException;
import dev.polygate.translators.soap.xml.SoapRequestWriter;
import dev.polygate.translators.soap.xml.SoapResponseReader;
import dev.polygate.translators.soap.xml.SoapResult;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.handler.codec.http.DefaultHttpHeadersFactory;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpHeadersFactory;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;

/**
 * One call of a SOAP operation: the request message is checked against its schema (whichever client protocol
 * built it), becomes an envelope, travels as an HTTP POST over the http translator, and the answer (or its
 * Fault) comes back as the output message or a status. Small documents are converted on the event loop, larger
 * ones on a bounded pool (see {@link #offload}); the results come back on the exchange's executor, where every
 * listener call happens.
 */
final class SoapCall implements MessageCall, CollectingResponseSink.Receiver {
    /** The operation's request headers were checked when the template was made; each call's copy is not. */
    private static final HttpHeadersFactory COPIED_HEADERS =
            DefaultHttpHeadersFactory.headersFactory().withValidation(false);

    /** Documents up to this size are converted on the event loop (see {@link #offload}). */
    static final int INLINE_LIMIT = 16 * 1024;

    private final Translator backend;
    private final Exchange client;
    private final OperationBinding operation;
    private final String path;
    private final CallListener listener;
    private final Executor xmlWork;
    private final WsSecurity security;
    private final int maxBytes;
    /** The request as bytes (gRPC clients) or as the message an ingress built (REST clients): one of the two. */
    private byte[] request;
    private Message requestMessage;
    private DerivedExchange exchange;
    private boolean finished;

    SoapCall(Translator backend, Exchange client, OperationBinding operation, String path, CallListener listener,
             Executor xmlWork, WsSecurity security, int maxBytes) {
        this.backend = backend;
        this.client = client;
        this.operation = operation;
        this.path = path;
        this.listener = listener;
        this.xmlWork = xmlWork;
        this.security = security;
        this.maxBytes = maxBytes;
    }

    @Override
    public void start() {
        client.onCancel(this::cancel);
    }

    @Override
    public void sendMessage(ByteBuf message) {
        try {
            request = ByteBufUtil.getBytes(message);
        } finally {
            message.release();
        }
    }

    @Override
    public void sendMessage(Message message) {
        if (message.getDescriptorForType() == operation.inputType()) {
            requestMessage = message; // written as it is: no serializing and parsing again
        } else {
            MessageCall.super.sendMessage(message);
        }
    }

    @Override
    public void halfClose() {
        Message built = requestMessage;
        byte[] body = request;
        if (built == null && body == null) {
            close(GrpcStatus.of(new GatewayException(ErrorKind.BAD_REQUEST,
                    "operation " + operation.name() + " takes exactly one request message")));
            return;
        }
        List<HeaderBlock> tokens;
        try {
            tokens = security.headers(client.request().headers());
        } catch (GatewayException refused) {
            close(SoapErrors.status(refused));
            return;
        }
        List<String> fromHttp = operation.headersFromHttp().values(client.request().headers());
        offload(built != null ? built.getSerializedSize() : body.length, back -> {
            HeadersFromHttp.Request input = operation.headersFromHttp().apply(
                    built != null ? built : DynamicMessage.parseFrom(operation.inputType(), body), fromHttp, tokens);
            MessageValidator.check(input.input()); // whichever protocol built it: nothing unchecked reaches the backend
            byte[] envelope = SoapRequestWriter.write(operation.version(), operation.inputShape(), input.input(),
                    input.headers());
            back.execute(() -> send(envelope));
        });
    }

    private void send(byte[] envelope) {
        if (finished) {
            return;
        }
        HttpHeaders http = COPIED_HEADERS.newHeaders().set(operation.requestHeaders());
        RequestHead original = client.request();
        RequestHead head = new RequestHead("POST", path, path, original.authority(), original.scheme(), http);
        exchange = new DerivedExchange(client, head, new FixedRequestBody(envelope),
                new CollectingResponseSink(maxBytes, this));
        backend.handle(exchange);
    }

    @Override
    public void answered(int status, String contentType, byte[] body) {
        offload(body.length, back -> {
            SoapResult result = SoapResponseReader.read(body, status, contentType, operation.version(),
                    operation.outputShape(), operation.outputType(), operation.faultDetails());
            back.execute(() -> deliver(result));
        });
    }

    @Override
    public void failed(GatewayException error) {
        close(SoapErrors.status(error)); // the http translator has recorded it for the access log
    }

    /** An error of this call: the access log keeps its full detail, the client gets its detail as a status. */
    private void fail(GatewayException error) {
        if (!finished) {
            client.error(error);
        }
        close(SoapErrors.status(error));
    }

    private void deliver(SoapResult result) {
        if (finished) {
            return;
        }
        if (result instanceof SoapResult.Output output) {
            listener.onMessage(output.message());
            close(GrpcStatus.OK);
        } else if (result instanceof SoapResult.Fault fault) {
            close(security.status(fault.fault()));
        }
    }

    private void close(GrpcStatus status) {
        if (!finished) {
            finished = true;
            listener.onClose(status, security.headersOf(status));
        }
    }

    /**
     * Runs XML work where it belongs. A small document is converted right here on the event loop: StAX over an
     * in-memory buffer of a few kilobytes takes microseconds and never blocks, and two thread hops would cost
     * more than the work. A larger one goes to the bounded pool, so a big document never holds up the other
     * connections of the loop; its result comes back on the exchange's executor.
     */
    private void offload(int size, XmlTask task) {
        if (size <= INLINE_LIMIT) {
            runTask(task, Runnable::run);
            return;
        }
        try {
            xmlWork.execute(() -> runTask(task, client.executor()));
        } catch (RejectedExecutionException busy) {
            close(SoapErrors.status(new GatewayException(ErrorKind.UPSTREAM_UNAVAILABLE,
                    "the gateway's XML workers are all busy; try again")));
        }
    }

    private void runTask(XmlTask task, Executor back) {
        try {
            task.run(back);
        } catch (SoapProtocolException e) {
            back.execute(() -> fail(new GatewayException(ErrorKind.UPSTREAM_PROTOCOL, e.getMessage(), e.logDetail(),
                    null)));
        } catch (GatewayException e) {
            back.execute(() -> fail(e));
        } catch (IllegalXmlCharacterException | MissingValueException e) {
            back.execute(() -> fail(new GatewayException(ErrorKind.BAD_REQUEST, e.getMessage())));
        } catch (InvalidProtocolBufferException | RuntimeException e) {
            back.execute(() -> fail(new GatewayException(ErrorKind.INTERNAL,
                    "the SOAP message could not be converted", null, e)));
        }
    }

    @Override
    public void cancel() {
        finished = true;
        if (exchange != null) {
            exchange.cancel();
        }
    }

    @Override
    public boolean isReady() {
        return true;
    }

    @Override
    public void onReady(Runnable readyListener) {
    }

    private interface XmlTask {
        void run(Executor back) throws SoapProtocolException, InvalidProtocolBufferException;
    }
}

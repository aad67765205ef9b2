package dev.polygate.translators.model.call;

import com.google.protobuf.Descriptors;
import dev.polygate.spi.Exchange;
import io.netty.handler.codec.http.HttpHeaders;

/** Opens calls to one backend; an ingress codec holds one and never knows the backend's protocol. */
@FunctionalInterface
public interface CallOpener {
    /**
     * @param client   the client's exchange, whose executor every callback uses
     * @param metadata request metadata chosen by the ingress (may carry {@code grpc-timeout})
     */
    MessageCall open(Exchange client, Descriptors.MethodDescriptor method, HttpHeaders metadata, CallListener listener);
}

package dev.polygate.interop;

import java.util.Locale;

/** The gRPC interop cases run through the gateway, by their names in the interop spec. */
enum InteropCase {
    EMPTY_UNARY(GatewayInteropClient::emptyUnary),
    LARGE_UNARY(GatewayInteropClient::largeUnary),
    CLIENT_STREAMING(GatewayInteropClient::clientStreaming),
    SERVER_STREAMING(GatewayInteropClient::serverStreaming),
    PING_PONG(GatewayInteropClient::pingPong),
    EMPTY_STREAM(GatewayInteropClient::emptyStream),
    CUSTOM_METADATA(GatewayInteropClient::customMetadata),
    STATUS_CODE_AND_MESSAGE(GatewayInteropClient::statusCodeAndMessage),
    SPECIAL_STATUS_MESSAGE(GatewayInteropClient::specialStatusMessage),
    UNIMPLEMENTED_METHOD(GatewayInteropClient::unimplementedMethod),
    UNIMPLEMENTED_SERVICE(GatewayInteropClient::unimplementedService),
    TIMEOUT_ON_SLEEPING_SERVER(GatewayInteropClient::timeoutOnSleepingServer),
    CANCEL_AFTER_BEGIN(GatewayInteropClient::cancelAfterBegin),
    CANCEL_AFTER_FIRST_RESPONSE(GatewayInteropClient::cancelAfterFirstResponse),
    VERY_LARGE_REQUEST(GatewayInteropClient::veryLargeRequest);

    private final Body body;

    InteropCase(Body body) {
        this.body = body;
    }

    /** Runs the case on a fresh client, with the set-up and tear-down the interop client gives each case. */
    void runOn(GatewayInteropClient client) throws Exception {
        client.setUp();
        try {
            body.run(client);
        } finally {
            client.tearDown();
        }
    }

    @Override
    public String toString() {
        return name().toLowerCase(Locale.ROOT);
    }

    @FunctionalInterface
    private interface Body {
        void run(GatewayInteropClient client) throws Exception;
    }
}

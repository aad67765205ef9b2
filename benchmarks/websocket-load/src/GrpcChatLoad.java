import dev.polygate.demo.greeter.v1.ChatMessage;
import dev.polygate.demo.greeter.v1.ChatReply;
import dev.polygate.demo.greeter.v1.GreeterGrpc;
import io.grpc.ManagedChannel;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.stub.ClientCallStreamObserver;
import io.grpc.stub.ClientResponseObserver;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Closed-loop native gRPC load on the bidirectional {@code demo.greeter.v1.Greeter/Chat}: {@code sessions} calls
 * spread over {@code channels} HTTP/2 connections, each keeping {@code window} messages in flight and sending the next
 * as a reply arrives, for {@code warmup} seconds not counted and then {@code seconds} measured. The counterpart of
 * {@link WsClosedLoad} with JSON messages over WebSocket.
 *
 * <pre>java -cp ... GrpcChatLoad --port 18303 [--host 127.0.0.1] [--sessions 16] [--window 8] [--channels 2]
 *     [--seconds 15] [--name bench] [--text TEXT] [--label grpc] [--warmup 10] [--cpu proxy=PID,backend=PID]</pre>
 */
public final class GrpcChatLoad {
    public static void main(String[] args) throws Exception {
        Options o = new Options(args, "host", "127.0.0.1", "port", "", "sessions", "16", "window", "8", "channels", "2",
                "seconds", "15", "name", "bench", "text", "hello", "label", "grpc", "warmup", "0", "cpu", "");
        ChatMessage message = ChatMessage.newBuilder().setName(o.text("name")).setText(o.text("text")).build();
        List<ManagedChannel> channels = new ArrayList<>();
        for (int i = 0; i < o.integer("channels"); i++) {
            channels.add(NettyChannelBuilder.forAddress(o.text("host"), o.integer("port")).usePlaintext()
                    .directExecutor().build());
        }
        Phase phase = new Phase();
        List<Tally> tallies = new ArrayList<>();
        List<ChatCall> calls = new ArrayList<>();
        for (int i = 0; i < o.integer("sessions"); i++) {
            Tally tally = new Tally();
            ChatCall call = new ChatCall(message, o.integer("window"), phase, tally);
            GreeterGrpc.newStub(channels.get(i % channels.size())).chat(call);
            tallies.add(tally);
            calls.add(call);
        }
        int seconds = o.integer("seconds");
        CpuTicks cpu = new CpuTicks(o.text("cpu"));
        phase.begin(o.integer("warmup"), seconds);
        calls.forEach(ChatCall::start);
        phase.run(cpu);
        String cpuUsed = cpu.sinceStart();
        Thread.sleep(200);
        calls.forEach(ChatCall::finish);
        for (ManagedChannel channel : channels) {
            channel.shutdown().awaitTermination(5, TimeUnit.SECONDS);
        }
        LoadReport.print(o.text("label"), tallies, seconds, 0, cpuUsed);
        System.exit(0);
    }

    /** One Chat call: its request stream and the replies, which arrive on the transport's thread. */
    private static final class ChatCall implements ClientResponseObserver<ChatMessage, ChatReply> {
        private final ChatMessage message;
        private final Window window;
        private final Phase phase;
        private final Tally tally;
        private ClientCallStreamObserver<ChatMessage> requests;
        private boolean done;

        ChatCall(ChatMessage message, int window, Phase phase, Tally tally) {
            this.message = message;
            this.window = new Window(window);
            this.phase = phase;
            this.tally = tally;
        }

        @Override
        public void beforeStart(ClientCallStreamObserver<ChatMessage> requests) {
            this.requests = requests;
        }

        synchronized void start() {
            while (!window.full()) {
                send();
            }
        }

        private void send() {
            window.sent(System.nanoTime());
            requests.onNext(message);
        }

        @Override
        public synchronized void onNext(ChatReply reply) {
            long now = System.nanoTime();
            if (window.empty()) {
                tally.error();
                return;
            }
            long sentAt = window.answered();
            if (reply.getMessage().isEmpty()) {
                tally.error();
            } else if (phase.measuring(now)) {
                tally.reply(now - sentAt);
            }
            if (phase.sending() && !done) {
                send();
            }
        }

        @Override
        public synchronized void onError(Throwable t) {
            if (!done) {
                tally.error();
                System.err.println("Chat call failed: " + t);
            }
            done = true;
        }

        @Override
        public synchronized void onCompleted() {
            done = true;
        }

        synchronized void finish() {
            if (!done) {
                done = true;
                requests.onCompleted();
            }
        }
    }
}

import dev.polygate.demo.greeter.v1.ChatMessage;
import dev.polygate.demo.greeter.v1.ChatReply;
import dev.polygate.demo.greeter.v1.GreeterGrpc;
import dev.polygate.demo.greeter.v1.HelloReply;
import dev.polygate.demo.greeter.v1.HelloRequest;
import io.grpc.Server;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.netty.shaded.io.netty.channel.EventLoopGroup;
import io.grpc.netty.shaded.io.netty.channel.ServerChannel;
import io.grpc.netty.shaded.io.netty.channel.epoll.Epoll;
import io.grpc.netty.shaded.io.netty.channel.epoll.EpollEventLoopGroup;
import io.grpc.netty.shaded.io.netty.channel.epoll.EpollServerSocketChannel;
import io.grpc.netty.shaded.io.netty.channel.nio.NioEventLoopGroup;
import io.grpc.netty.shaded.io.netty.channel.socket.nio.NioServerSocketChannel;
import io.grpc.stub.StreamObserver;
import java.net.InetSocketAddress;

/**
 * The gRPC benchmark backend: {@code demo.greeter.v1.Greeter/SayHello} and the bidirectional {@code Chat} over h2c,
 * answered on the event loop (direct executor, no thread hop, no sleep) so that it costs as little as possible next
 * to what is measured.
 *
 * <pre>java -cp ... GreeterBenchServer [port (18100)] [event loops (2)] [host (127.0.0.1)]</pre>
 */
public final class GreeterBenchServer {
    public static void main(String[] args) throws Exception {
        int port = args.length > 0 ? Integer.parseInt(args[0]) : 18100;
        int loops = args.length > 1 ? Integer.parseInt(args[1]) : 2;
        String host = args.length > 2 ? args[2] : "127.0.0.1";
        boolean epoll = Epoll.isAvailable();
        EventLoopGroup boss = epoll ? new EpollEventLoopGroup(1) : new NioEventLoopGroup(1);
        EventLoopGroup workers = epoll ? new EpollEventLoopGroup(loops) : new NioEventLoopGroup(loops);
        Class<? extends ServerChannel> channel = epoll ? EpollServerSocketChannel.class : NioServerSocketChannel.class;
        Server server = NettyServerBuilder.forAddress(new InetSocketAddress(host, port))
                .bossEventLoopGroup(boss)
                .workerEventLoopGroup(workers)
                .channelType(channel)
                .directExecutor()
                .maxConcurrentCallsPerConnection(1024)
                .addService(new Greeter())
                .build()
                .start();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.shutdownNow();
            boss.shutdownGracefully();
            workers.shutdownGracefully();
        }));
        System.out.printf("greeter benchmark backend on %s:%d (h2c), %d %s event loops, direct executor%n",
                host, server.getPort(), loops, epoll ? "epoll" : "nio");
        server.awaitTermination();
    }

    static final class Greeter extends GreeterGrpc.GreeterImplBase {
        @Override
        public void sayHello(HelloRequest request, StreamObserver<HelloReply> responses) {
            responses.onNext(HelloReply.newBuilder().setMessage("Hello, " + request.getName() + "!").build());
            responses.onCompleted();
        }

        /** Answers every message at once with its text and a running number; ends when the client does. */
        @Override
        public StreamObserver<ChatMessage> chat(StreamObserver<ChatReply> replies) {
            return new StreamObserver<>() {
                private int sequence;

                @Override
                public void onNext(ChatMessage message) {
                    replies.onNext(ChatReply.newBuilder().setMessage(message.getText()).setSequence(++sequence).build());
                }

                @Override
                public void onError(Throwable t) {
                    // the client went away: nothing to answer
                }

                @Override
                public void onCompleted() {
                    replies.onCompleted();
                }
            };
        }
    }
}

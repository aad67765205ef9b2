package dev.polygate.edge.grpc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.polygate.certs.DevCertificateAuthority;
import dev.polygate.edge.testing.HeadChecks;
import dev.polygate.edge.testing.RunningGateway;
import dev.polygate.edge.testing.TestTls;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * HEAD on transcoded routes: wherever a GET binding answers, HEAD answers with GET's status and headers (content
 * type, and the content length when GET sends one) and no body, over HTTP/1.1 and over h2.
 */
final class HeadRequestsTest {
    @TempDir
    static Path dir;
    static GrpcBackend backend;
    static RunningGateway gateway;
    static HttpClient h1;
    static HttpClient h2;

    @BeforeAll
    static void start() throws Exception {
        backend = GrpcBackend.start();
        gateway = RestGateway.startWithTls(dir, backend.port());
        h1 = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        h2 = HttpClient.newBuilder().version(HttpClient.Version.HTTP_2)
                .sslContext(TestTls.trusting(DevCertificateAuthority.loadOrCreate(dir).caCertificateFile())).build();
        HttpResponse<String> created = send(h1, "http://127.0.0.1:" + gateway.httpPort(), "POST",
                "/v1/shelves?requestId=heads", "{\"theme\":\"heads\"}");
        assertThat(created.statusCode()).as(created.body()).isEqualTo(200);
    }

    @AfterAll
    static void stop() throws Exception {
        gateway.close();
        backend.close();
    }

    private static HttpResponse<String> send(HttpClient client, String base, String method, String path, String json)
            throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path)).timeout(RestGateway.TIMEOUT);
        if (json == null) {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        } else {
            request.header("content-type", "application/json")
                    .method(method, HttpRequest.BodyPublishers.ofString(json));
        }
        return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    @ParameterizedTest
    @ValueSource(strings = {"h1", "h2"})
    void headAnswersWhatGetWouldWithoutTheBody(String protocol) throws Exception {
        HttpClient client = protocol.equals("h1") ? h1 : h2;
        String base = protocol.equals("h1") ? "http://127.0.0.1:" + gateway.httpPort()
                : "https://localhost:" + gateway.httpsPort();
        for (String path : List.of("/v1/shelves/heads", "/v1/shelves", "/v1/shelves/absent", "/v1/nothing/here")) {
            HeadChecks.assertHeadAnswersLikeGet(client, URI.create(base + path));
        }
        HttpResponse<String> get = send(client, base, "GET", "/v1/shelves/heads", null);
        assertThat(get.version()).isEqualTo(protocol.equals("h1") ? HttpClient.Version.HTTP_1_1
                : HttpClient.Version.HTTP_2);
        assertThat(get.body()).contains("\"theme\":\"heads\"");
    }

    @Test
    void theAllowHeaderOfA405ListsHeadWhereGetIsBound() throws Exception {
        String base = "http://127.0.0.1:" + gateway.httpPort();
        HttpResponse<String> put = send(h1, base, "PUT", "/v1/shelves", "{}");
        assertThat(put.statusCode()).isEqualTo(405);
        assertThat(put.headers().firstValue("allow")).hasValue("GET, HEAD, POST");

        HttpResponse<String> headOfPost = send(h1, base, "HEAD", "/polygate.test.v1.Library/Ping", null);
        assertThat(headOfPost.statusCode()).as("a path bound to POST only").isEqualTo(405);
        assertThat(headOfPost.headers().firstValue("allow")).hasValue("POST");
    }
}

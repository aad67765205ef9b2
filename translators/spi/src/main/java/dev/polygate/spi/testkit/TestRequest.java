package dev.polygate.spi.testkit;

import dev.polygate.spi.ClientInfo;
import dev.polygate.spi.Principal;
import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.HttpHeaders;
import java.net.InetSocketAddress;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Map;

/** A request made up by a test, as the gateway would hand it to a policy; built with {@link #get} and friends. */
public final class TestRequest {
    final String method;
    final String path;
    final HttpHeaders headers = new DefaultHttpHeaders();
    InetSocketAddress client = new InetSocketAddress("127.0.0.1", 40000);
    boolean secure;
    List<X509Certificate> certificates = List.of();
    String listener = "test";
    String route = "-";
    String operation;
    Map<String, String> pathVariables = Map.of();
    Principal principal;

    private TestRequest(String method, String path) {
        this.method = method;
        this.path = path;
    }

    public static TestRequest get(String path) {
        return new TestRequest("GET", path);
    }

    public static TestRequest of(String method, String path) {
        return new TestRequest(method, path);
    }

    public TestRequest header(String name, String value) {
        headers.add(name, value);
        return this;
    }

    public TestRequest from(String address, int port) {
        client = new InetSocketAddress(address, port);
        return this;
    }

    /** Over TLS, with the verified client certificate chain of mutual TLS (leaf first), which may be empty. */
    public TestRequest secure(List<X509Certificate> chain) {
        secure = true;
        certificates = List.copyOf(chain);
        return this;
    }

    public TestRequest listener(String name) {
        listener = name;
        return this;
    }

    /** As routing leaves it: the route's name, its path variables and the operation, for route policies. */
    public TestRequest routed(String routeName, Map<String, String> variables, String operationName) {
        route = routeName;
        pathVariables = Map.copyOf(variables);
        operation = operationName;
        return this;
    }

    /** As an earlier authentication policy would have left it. */
    public TestRequest authenticated(Principal caller) {
        principal = caller;
        return this;
    }

    ClientInfo clientInfo() {
        return new ClientInfo(client, "HTTP/1.1", secure, null, certificates);
    }
}

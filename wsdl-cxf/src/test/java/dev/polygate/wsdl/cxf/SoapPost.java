package dev.polygate.wsdl.cxf;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** Hand-written SOAP envelopes over a plain HTTP client: the raw peer the gateway will be, no CXF client. */
public final class SoapPost {

    public static final String SOAP11 = "http://schemas.xmlsoap.org/soap/envelope/";
    public static final String SOAP12 = "http://www.w3.org/2003/05/soap-envelope";

    private static final HttpClient HTTP = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();

    private SoapPost() {
    }

    /** SOAP 1.1: text/xml with a quoted SOAPAction header; {@code header} may be empty. */
    public static SoapReply soap11(URI endpoint, String action, String header, String body) {
        return send(HttpRequest.newBuilder(endpoint)
                .header("Content-Type", "text/xml; charset=utf-8")
                .header("SOAPAction", "\"" + action + "\"")
                .POST(HttpRequest.BodyPublishers.ofString(envelope(SOAP11, header, body))));
    }

    /** SOAP 1.2: application/soap+xml with the action as a media-type parameter. */
    public static SoapReply soap12(URI endpoint, String action, String header, String body) {
        return send(HttpRequest.newBuilder(endpoint)
                .header("Content-Type", "application/soap+xml; charset=utf-8; action=\"" + action + "\"")
                .POST(HttpRequest.BodyPublishers.ofString(envelope(SOAP12, header, body))));
    }

    /** A GET, for {@code ?wsdl} and {@code ?xsd=...}. */
    public static SoapReply get(URI uri) {
        return send(HttpRequest.newBuilder(uri).GET());
    }

    private static String envelope(String namespace, String header, String body) {
        return "<?xml version=\"1.0\" encoding=\"utf-8\"?><env:Envelope xmlns:env=\"" + namespace + "\">"
                + (header.isEmpty() ? "" : "<env:Header>" + header + "</env:Header>")
                + "<env:Body>" + body + "</env:Body></env:Envelope>";
    }

    private static SoapReply send(HttpRequest.Builder request) {
        try {
            HttpResponse<String> response = HTTP.send(request.timeout(Duration.ofSeconds(20)).build(),
                    HttpResponse.BodyHandlers.ofString());
            return new SoapReply(response.statusCode(),
                    response.headers().firstValue("Content-Type").orElse(""), response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}

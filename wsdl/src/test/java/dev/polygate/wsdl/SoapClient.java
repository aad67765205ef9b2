package dev.polygate.wsdl;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * Posts hand-written SOAP envelopes with a plain HTTP client, as the gateway will: no JAX-WS on this side.
 */
public final class SoapClient {

    public static final String SOAP11_ENV = "http://schemas.xmlsoap.org/soap/envelope/";
    public static final String SOAP12_ENV = "http://www.w3.org/2003/05/soap-envelope";

    private static final HttpClient HTTP = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();

    private SoapClient() {
    }

    /** SOAP 1.1: text/xml and a quoted SOAPAction header. */
    public static XmlResponse soap11(URI endpoint, String action, String bodyContent) {
        return soap11(endpoint, action, "", bodyContent);
    }

    /** SOAP 1.1 with header blocks. */
    public static XmlResponse soap11(URI endpoint, String action, String headerContent, String bodyContent) {
        String envelope = "<?xml version=\"1.0\" encoding=\"utf-8\"?>"
                + "<soap:Envelope xmlns:soap=\"" + SOAP11_ENV + "\">"
                + (headerContent.isEmpty() ? "" : "<soap:Header>" + headerContent + "</soap:Header>")
                + "<soap:Body>" + bodyContent + "</soap:Body></soap:Envelope>";
        return send(HttpRequest.newBuilder(endpoint)
                .header("Content-Type", "text/xml; charset=utf-8")
                .header("SOAPAction", "\"" + action + "\"")
                .POST(HttpRequest.BodyPublishers.ofString(envelope)));
    }

    /** SOAP 1.2: application/soap+xml with the action as a media-type parameter, no SOAPAction header. */
    public static XmlResponse soap12(URI endpoint, String action, String bodyContent) {
        String envelope = "<?xml version=\"1.0\" encoding=\"utf-8\"?>"
                + "<env:Envelope xmlns:env=\"" + SOAP12_ENV + "\"><env:Body>" + bodyContent
                + "</env:Body></env:Envelope>";
        return send(HttpRequest.newBuilder(endpoint)
                .header("Content-Type", "application/soap+xml; charset=utf-8; action=\"" + action + "\"")
                .POST(HttpRequest.BodyPublishers.ofString(envelope)));
    }

    /** A plain GET, for ?wsdl, ?xsd=N and static contract files. */
    public static XmlResponse get(URI uri) {
        return send(HttpRequest.newBuilder(uri).GET());
    }

    private static XmlResponse send(HttpRequest.Builder request) {
        try {
            HttpResponse<String> response = HTTP.send(request.timeout(Duration.ofSeconds(20)).build(),
                    HttpResponse.BodyHandlers.ofString());
            return new XmlResponse(response.statusCode(),
                    response.headers().firstValue("Content-Type").orElse(""), response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}

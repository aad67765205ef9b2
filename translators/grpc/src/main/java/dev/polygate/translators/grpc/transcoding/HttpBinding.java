package dev.polygate.translators.grpc.transcoding;

/**
 * One HTTP mapping of a method: its primary {@code google.api.http} rule, one of its
 * {@code additional_bindings}, or the generic {@code POST /package.Service/Method} mapping.
 *
 * @param httpMethod        upper-case HTTP method ({@code GET}, ..., or the kind of a {@code custom} pattern)
 * @param template          the path template as written in the rule
 * @param bodyField         {@code ""} when the request has no body, {@code "*"} when the body is the whole
 *                          request message, else the name of the top-level request field the body fills
 * @param responseBodyField {@code ""} when the response body is the whole response message, else the name of
 *                          the top-level response field that is answered
 */
public record HttpBinding(String httpMethod, String template, String bodyField, String responseBodyField) {
}

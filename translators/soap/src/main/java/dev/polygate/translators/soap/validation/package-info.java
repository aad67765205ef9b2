/**
 * The one check of request messages against the XSD they were compiled from:
 * {@link dev.polygate.translators.soap.validation.MessageValidator} runs on every message a SOAP call is about to
 * write, whichever client protocol brought it, so REST/JSON, gRPC, gRPC-Web and WebSocket clients get the same
 * refusal for the same value. The lexical rules it applies ({@link dev.polygate.translators.soap.validation.LexicalForms},
 * {@link dev.polygate.translators.soap.validation.IntegerRange}, {@link dev.polygate.translators.soap.validation.Occurrences})
 * are also what the JSON reader and the OpenAPI documents use, so they exist once.
 */
package dev.polygate.translators.soap.validation;

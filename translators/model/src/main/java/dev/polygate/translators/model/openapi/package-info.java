/**
 * OpenAPI 3.1 documents of REST-transcoded routes: every google.api.http binding of the exposed services as
 * an operation, with schemas and error responses in the route's
 * {@link dev.polygate.translators.model.openapi.JsonDialect} (the proto3 JSON mapping and
 * {@code google.rpc.Status}, unless the route's translator supplies another).
 */
package dev.polygate.translators.model.openapi;

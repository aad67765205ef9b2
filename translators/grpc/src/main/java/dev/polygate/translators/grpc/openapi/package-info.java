/**
 * OpenAPI 3.1 documents of REST-transcoded routes: every google.api.http binding of the exposed services as
 * an operation, with schemas following the proto3 JSON mapping.
 */
package dev.polygate.translators.grpc.openapi;

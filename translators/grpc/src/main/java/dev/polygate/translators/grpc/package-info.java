/**
 * The {@code grpc} translator: gRPC backends reached by native gRPC clients (passthrough), gRPC-Web
 * clients and REST/JSON clients (google.api.http transcoding), with the schema registry that describes
 * their operations.
 */
package dev.polygate.translators.grpc;

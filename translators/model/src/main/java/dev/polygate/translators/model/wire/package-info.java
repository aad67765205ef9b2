/**
 * gRPC on the wire, independent of any transport: length-prefixed message frames, status codes and
 * their HTTP equivalents, the status carried in trailers, {@code grpc-timeout} and the split between
 * gRPC's own headers and application metadata.
 */
package dev.polygate.translators.model.wire;

/**
 * The schema registry: protobuf descriptors of gRPC backends, from descriptor set files, .proto sources
 * compiled at start-up and gRPC server reflection, merged into an immutable {@link
 * dev.polygate.translators.grpc.schema.SchemaRegistry}. Every source keeps {@code google.api.http} rules
 * as typed extensions of the method options.
 */
package dev.polygate.translators.grpc.schema;

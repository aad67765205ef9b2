/**
 * REST/JSON to protobuf transcoding as described by {@code google.api.http} (HttpRule): path templates,
 * body and query parameter mapping, and the proto3 JSON mapping in both directions. Pure functions of
 * descriptors and bytes: nothing here does I/O.
 */
package dev.polygate.translators.model.transcoding;

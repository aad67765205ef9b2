/** .proto source text of descriptors, for serving the schema of an API to its clients. */
package dev.polygate.translators.model.protosource;

/** The {@code introspection} authentication method: opaque tokens checked by an OAuth 2.0 server (RFC 7662). */
package dev.polygate.policies.auth.introspection;

/**
 * The {@code jwt} authentication method, and what bearer-token methods share: where the token travels, the
 * {@code Bearer} challenge, the principal a token's claims describe, secrets kept out of the YAML, HTTP calls off
 * the event loops.
 */
package dev.polygate.policies.auth.jwt;

/** Who may call what: the {@code auth} and {@code authorize} policies over the {@code consumers} section. */
package dev.polygate.policies.auth;

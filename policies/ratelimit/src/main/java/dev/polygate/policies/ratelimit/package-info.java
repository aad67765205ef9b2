/** How often: the {@code rateLimit} policy, local per node or global through Redis. */
package dev.polygate.policies.ratelimit;

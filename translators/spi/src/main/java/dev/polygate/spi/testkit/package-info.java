/**
 * A kit for testing policies without a gateway: {@link dev.polygate.spi.testkit.PolicyHarness} builds a policy from
 * its factory and a JSON section, runs it on a request made up by the test, on an event loop as the gateway would,
 * and reports what it decided. Tests of a policy's behaviour over the network still belong with a real gateway.
 */
package dev.polygate.spi.testkit;

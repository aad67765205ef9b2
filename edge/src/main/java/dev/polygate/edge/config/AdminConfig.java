package dev.polygate.edge.config;

/** The admin listener ({@code /ready}, {@code /live}); loopback by default. */
public record AdminConfig(boolean enabled, String address, int port) {
}

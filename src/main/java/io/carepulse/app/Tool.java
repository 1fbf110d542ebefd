package io.carepulse.app;

/**
 * A command the jar carries beside the product: the benchmark harness, the simulator, the development-data tools.
 * Each is a picocli command that implements this interface and is listed in {@code META-INF/services}; {@link Main}
 * adds what it finds as subcommands. So the tools may use the product, and the product never names a tool.
 */
public interface Tool {
}

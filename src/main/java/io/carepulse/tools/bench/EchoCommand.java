package io.carepulse.tools.bench;

import io.vertx.core.DeploymentOptions;
import io.vertx.core.Vertx;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code bench echo}: the bare Vert.x baseline. A subcommand of {@code bench} rather than a mode of {@code serve}:
 * it shares nothing with the service but the JVM flags the suite gives both, and keeping it out of {@code serve}
 * keeps a test fixture out of the product's configuration surface.
 */
@Command(name = "echo", mixinStandardHelpOptions = true,
    description = "Bare Vert.x WebSocket server answering each JSON frame with a small JSON frame (the baseline).")
public final class EchoCommand implements Callable<Integer> {

  @Option(names = "--host", defaultValue = "127.0.0.1", description = "Bind address (default: ${DEFAULT-VALUE}).")
  String host;

  @Option(names = "--port", defaultValue = "8090", description = "Port (default: ${DEFAULT-VALUE}).")
  int port;

  @Option(names = "--instances", description = "Server instances, one per event loop (default: the number of cores, like serve).")
  Integer instances;

  @Override
  public Integer call() throws InterruptedException {
    int count = instances != null ? instances : Runtime.getRuntime().availableProcessors();
    Vertx vertx = Vertx.vertx();
    // Every instance binds the same port; Vert.x spreads connections over their event loops, as in the service.
    vertx.deployVerticle(() -> new EchoServer(host, port), new DeploymentOptions().setInstances(count)).await();
    System.out.println("echo serving on " + host + ":" + port + " with " + count + " instances");
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      vertx.close();
      stopped.countDown();
    }, "echo-shutdown"));
    stopped.await();
    return 0;
  }
}

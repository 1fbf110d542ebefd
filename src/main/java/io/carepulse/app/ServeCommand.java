package io.carepulse.app;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

@Command(name = "serve", mixinStandardHelpOptions = true, description = "Start the service (default).")
public final class ServeCommand implements Callable<Integer> {

  @Override
  public Integer call() {
    System.err.println("serve: not implemented yet");
    return 1;
  }
}

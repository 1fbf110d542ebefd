package io.carepulse.app;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

@Command(name = "simulate", mixinStandardHelpOptions = true, description = "Stream replay files into a running service as agent clients.")
public final class SimulateCommand implements Callable<Integer> {

  @Override
  public Integer call() {
    System.err.println("simulate: not implemented yet");
    return 1;
  }
}

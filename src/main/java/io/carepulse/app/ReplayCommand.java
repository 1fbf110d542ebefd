package io.carepulse.app;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

@Command(name = "replay", mixinStandardHelpOptions = true, description = "Score recorded calls offline.")
public final class ReplayCommand implements Callable<Integer> {

  @Override
  public Integer call() {
    System.err.println("replay: not implemented yet");
    return 1;
  }
}

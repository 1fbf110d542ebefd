package io.carepulse.app;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

@Command(name = "token", mixinStandardHelpOptions = true, description = "Mint a JWT for a secret, subject, role and teams.")
public final class TokenCommand implements Callable<Integer> {

  @Override
  public Integer call() {
    System.err.println("token: not implemented yet");
    return 1;
  }
}

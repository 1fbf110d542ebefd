package io.carepulse.protocol;

import java.util.List;

/** Opens a session: optional token (browsers cannot set headers) and calls to resume after a reconnect. */
public record Hello(String token, ClientInfo client, List<ResumeRequest> resume) implements Frame {

  public Hello {
    resume = resume == null ? List.of() : List.copyOf(resume);
  }

  public record ClientInfo(String name, String version) {
  }

  public record ResumeRequest(String callId, long lastSeq) {
  }
}

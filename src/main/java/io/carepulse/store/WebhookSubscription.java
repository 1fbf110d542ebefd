package io.carepulse.store;

import java.time.Instant;
import java.util.List;

/** Where to POST which events, and the secret their HMAC-SHA256 signatures use. */
public record WebhookSubscription(String id, String url, List<String> events, String secret, String createdBy,
                                  Instant createdAt) {

  public WebhookSubscription {
    events = List.copyOf(events);
  }

  public boolean wants(String event) {
    return events.contains(event);
  }
}

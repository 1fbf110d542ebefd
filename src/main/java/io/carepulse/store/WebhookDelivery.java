package io.carepulse.store;

import java.time.Instant;
import java.util.Locale;

/**
 * One event sent to one subscription, saved after every attempt (same {@code deliveryId}, growing {@code attempts}).
 * {@code lastStatus} is the receiver's HTTP status, null when no response came ({@code lastError} says why).
 */
public record WebhookDelivery(String deliveryId, String subscriptionId, String event, String eventId, State state,
                              int attempts, Integer lastStatus, String lastError, Instant createdAt, Instant updatedAt) {

  public enum State {
    PENDING, DELIVERED, FAILED;

    public String wire() {
      return name().toLowerCase(Locale.ROOT);
    }
  }
}

package io.carepulse.history;

import io.carepulse.live.CallEvent;
import io.carepulse.live.CallListener;
import io.carepulse.live.CallerMemory;
import io.carepulse.privacy.Redactor;
import io.carepulse.score.CallerHistory;
import io.carepulse.store.CallFacts;
import io.carepulse.store.CallState;
import io.carepulse.store.CarePulseStore;
import io.carepulse.store.ReportQuery;
import io.vertx.core.Future;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Care memory at hand (docs/score-model.md "Care memory"): each customer's recent ended calls — ids, times, scores,
 * how they were resolved and their topic, never transcript text — so a call start can recall them without waiting on
 * the store. Filled from the store at start-up (the window's ended calls with a customer id), then by every call that
 * ends and every outcome posted; an erased customer is forgotten. Thread-safe: read on every event loop.
 */
public final class CustomerMemory implements CallerMemory, CallListener {

  /** A customer who calls more than this often is remembered by their latest calls only. */
  static final int CALLS_PER_CUSTOMER = 20;
  /** What a call start may carry as its topic, redacted like transcript text and cut to this length. */
  static final int TOPIC_LENGTH = 40;

  private final Duration window;
  private final Clock clock;
  private final Map<String, List<CallerHistory.PriorCall>> byCustomer = new ConcurrentHashMap<>();
  private final Map<String, String> customerOfCall = new ConcurrentHashMap<>();

  /** {@code window}: how far back calls are remembered (never beyond the transcript retention). */
  public CustomerMemory(Duration window, Clock clock) {
    this.window = window;
    this.clock = clock;
  }

  /** Loads the window's ended calls from the store; call before the service takes calls. */
  public Future<CustomerMemory> load(CarePulseStore store) {
    return store.callFacts(new ReportQuery(clock.instant().minus(window), null, null, null)).map(facts -> {
      for (CallFacts fact : facts) {
        var call = fact.call();
        if (call.customerId() != null && call.state() == CallState.ENDED && call.summary() != null) {
          Boolean resolved = fact.outcome() == null ? null : fact.outcome().resolved();
          remember(call.customerId(), new CallerHistory.PriorCall(call.callId(), call.startedAt().toEpochMilli(),
              call.endedAt().toEpochMilli(), call.summary().score(), call.summary().callScore(), resolved, null));
        }
      }
      return this;
    });
  }

  @Override
  public CallerHistory recall(String customerId, Instant startedAt) {
    List<CallerHistory.PriorCall> calls = byCustomer.get(customerId);
    if (calls == null) {
      return CallerHistory.NONE;
    }
    long from = startedAt.minus(window).toEpochMilli();
    synchronized (calls) {
      return new CallerHistory(calls.stream()
          .filter(c -> c.startedAtMs() < startedAt.toEpochMilli() && c.endedAtMs() >= from).toList());
    }
  }

  /** A call that ended joins its customer's memory. */
  @Override
  public void on(CallEvent event) {
    if (event instanceof CallEvent.Ended ended) {
      var start = ended.call().start();
      String customerId = start.customer().id();
      if (customerId == null) {
        return;
      }
      var summary = ended.ended().summary();
      remember(customerId, new CallerHistory.PriorCall(ended.call().callId(), start.ts(),
          ended.ended().endedAt().toEpochMilli(), summary.score(), summary.callScore(), null, topic(start.metadata())));
    }
  }

  /** An outcome was posted: a remembered call learns whether it was resolved. */
  public void outcome(String callId, Boolean resolved) {
    String customerId = customerOfCall.get(callId);
    List<CallerHistory.PriorCall> calls = customerId == null ? null : byCustomer.get(customerId);
    if (calls == null || resolved == null) {
      return;
    }
    synchronized (calls) {
      calls.replaceAll(c -> c.callId().equals(callId) ? new CallerHistory.PriorCall(c.callId(), c.startedAtMs(),
          c.endedAtMs(), c.score(), c.callScore(), resolved, c.topic()) : c);
    }
  }

  /** Erasure: nothing of the customer is remembered any more. */
  public void forget(String customerId) {
    List<CallerHistory.PriorCall> calls = byCustomer.remove(customerId);
    if (calls != null) {
      synchronized (calls) {
        calls.forEach(c -> customerOfCall.remove(c.callId()));
      }
    }
  }

  private void remember(String customerId, CallerHistory.PriorCall call) {
    List<CallerHistory.PriorCall> calls = byCustomer.computeIfAbsent(customerId, id -> new ArrayList<>());
    synchronized (calls) {
      calls.removeIf(c -> c.callId().equals(call.callId()));
      calls.add(call);
      calls.sort(java.util.Comparator.comparingLong(CallerHistory.PriorCall::startedAtMs));
      while (calls.size() > CALLS_PER_CUSTOMER) {
        customerOfCall.remove(calls.remove(0).callId());
      }
    }
    customerOfCall.put(call.callId(), customerId);
  }

  /** {@code metadata.topic}, when the call start carried a short text one; redacted, since it is free text. */
  static String topic(Map<String, Object> metadata) {
    if (!(metadata.get("topic") instanceof String topic) || topic.isBlank()) {
      return null;
    }
    String redacted = Redactor.standard().redact(topic.strip());
    return redacted.length() <= TOPIC_LENGTH ? redacted : redacted.substring(0, TOPIC_LENGTH);
  }
}

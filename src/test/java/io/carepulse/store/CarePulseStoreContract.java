package io.carepulse.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import io.carepulse.coach.Holdout;
import io.carepulse.coach.PromptKind;
import io.carepulse.engine.CallContext;
import io.carepulse.engine.CallSummary;
import io.carepulse.protocol.PromptFeedback;
import io.carepulse.protocol.WhisperOutcome;
import io.carepulse.history.AgentMemory;
import io.carepulse.score.AgentBaseline;
import io.carepulse.score.AgentPace;
import io.carepulse.score.CallerHistory;
import io.carepulse.score.Part;
import io.carepulse.score.Parts;
import io.carepulse.score.Reason;
import io.carepulse.score.Recovery;
import io.carepulse.score.Trend;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * What every {@link CarePulseStore} must do. An implementation's test extends this class and supplies a fresh, empty
 * store per test; the scenarios are written in the product's words and read the store back through its interface
 * only. Futures are awaited from the test thread (never an event loop), which Vert.x 5 allows.
 */
@ExtendWith(VertxExtension.class)
@Timeout(value = 20, unit = TimeUnit.SECONDS)
public abstract class CarePulseStoreContract {

  protected static final Instant T0 = Instant.parse("2026-11-02T09:00:00Z");
  protected static final Parts PARTS = new Parts(60, 70, 55, 65, 80, 50);

  protected CarePulseStore store;

  /** A fresh store with nothing in it. */
  protected abstract CarePulseStore newStore(Vertx vertx) throws Exception;

  @BeforeEach
  void freshStore(Vertx vertx) throws Exception {
    store = newStore(vertx);
  }

  // ---- scenarios

  @Test
  void anAgentsPaceIsKeptWithTheirCalls_soTheirBaselineOutlivesARestart() {
    store.write(started("c1", "agent-1", "team-a", T0)).await();
    store.write(started("c2", "agent-1", "team-a", T0.plusSeconds(400))).await();
    store.write(started("c3", "agent-2", "team-a", T0.plusSeconds(400))).await();
    store.write(ended("c1", "resolved", 1, summary("c1", 60, 60, 50), T0.plusSeconds(300))).await();
    store.write(ended("c2", "resolved", 1, summary("c2", 60, 60, 50), T0.plusSeconds(700))).await();

    AgentMemory restarted = new AgentMemory(java.time.Duration.ofDays(30),
        java.time.Clock.fixed(T0.plusSeconds(3600), java.time.ZoneOffset.UTC)).load(store).await();
    assertThat(restarted.recall("agent-1", T0.plusSeconds(800)).calls())
        .containsExactly(new AgentPace(204.5, null, 0.62), new AgentPace(204.5, null, 0.62));
    assertThat(restarted.recall("agent-1", T0.plusSeconds(300)).calls()).as("only calls that started before")
        .hasSize(1);
    assertThat(restarted.recall("agent-2", T0.plusSeconds(800)).calls()).as("a call still live").isEmpty();
  }

  @Test
  void aCallsWholeStory_isReadBackAsItWasJournalled() {
    store.write(started("c1", "agent-1", "team-a", T0)).await();
    store.write(new JournalBatch(List.of(),
        List.of(frame("c1", 1, "call.start"), utterance("c1", 2, "customer", "My card was charged twice"),
            utterance("c1", 3, "agent", "I'm sorry, let me fix that now")),
        List.of(point("c1", 1, 0, 50, 50), point("c1", 3, 6000, 62, 56)),
        List.of(new PromptRecord("c1", "p-1", PromptKind.TAKE_OWNERSHIP,
            "Acknowledge how they feel. Own it.", 3, 2, T0.plusSeconds(3), List.of(PromptKind.ACKNOWLEDGE_FEELINGS))),
        List.of(), List.of(new WhisperRecord("c1", "sup-1", "Nice save", WhisperOutcome.DELIVERED, T0.plusSeconds(5))),
        List.of())).await();
    store.write(new JournalBatch(List.of(), List.of(frame("c1", 4, "prompt.feedback")), List.of(), List.of(),
        List.of(new PromptFeedbackRecord("c1", "p-1", PromptFeedback.Action.HELPFUL, 4, T0.plusSeconds(7))),
        List.of(), List.of())).await();

    CallRecord live = store.call("c1").await().orElseThrow();
    assertThat(live.state()).isEqualTo(CallState.LIVE);
    assertThat(live.lastSeq()).isEqualTo(4);
    assertThat(live.score()).isEqualTo(62);
    assertThat(live.callScore()).isEqualTo(56);
    assertThat(live.customerName()).isEqualTo("Dana");

    store.write(ended("c1", "resolved", 4, summary("c1", 64, 58, 40), T0.plusSeconds(60))).await();

    CallRecord call = store.call("c1").await().orElseThrow();
    assertThat(call.state()).isEqualTo(CallState.ENDED);
    assertThat(call.endReason()).isEqualTo("resolved");
    assertThat(call.endedAt()).isEqualTo(T0.plusSeconds(60));
    assertThat(call.score()).isEqualTo(64);
    assertThat(call.callScore()).isEqualTo(58);
    assertThat(call.summary()).isEqualTo(summary("c1", 64, 58, 40));
    assertThat(store.frames("c1", 0, 100).await()).extracting(StoredFrame::seq).containsExactly(1L, 2L, 3L, 4L);
    assertThat(store.frames("c1", 0, 100).await().get(1).frame().getString("text"))
        .isEqualTo("My card was charged twice");
    assertThat(store.scores("c1", 0, 100).await()).containsExactly(point("c1", 1, 0, 50, 50), point("c1", 3, 6000, 62, 56));
    assertThat(store.prompts("c1").await()).extracting(PromptRecord::promptId, PromptRecord::kind, PromptRecord::also)
        .containsExactly(tuple("p-1", PromptKind.TAKE_OWNERSHIP, List.of(PromptKind.ACKNOWLEDGE_FEELINGS)));
    assertThat(store.promptFeedback("c1").await()).extracting(PromptFeedbackRecord::action)
        .containsExactly(PromptFeedback.Action.HELPFUL);
    assertThat(store.whispers("c1").await()).extracting(WhisperRecord::text).containsExactly("Nice save");
  }

  @Test
  void whatACallStartedFrom_isKeptWithIt_throughItsEnd() {
    CallContext context = new CallContext("care-2",
        new CallerHistory(List.of(new CallerHistory.PriorCall("c0", T0.minusSeconds(3600).toEpochMilli(),
            T0.minusSeconds(3000).toEpochMilli(), 31, 35, false, "billing"))),
        new AgentBaseline(List.of(new AgentPace(182.5, null, 0.61), AgentPace.NONE)),
        new Holdout.Assignment("exp-1", Holdout.Arm.CONTROL));
    store.write(new JournalBatch(List.of(CallRecord.started("c1", "agent-1", "team-a", "cu-1", "Dana", "en-US", T0,
        context)), List.of(frame("c1", 1, "call.start")), List.of(), List.of(), List.of(), List.of(), List.of())).await();
    assertThat(store.call("c1").await().orElseThrow().context()).isEqualTo(context);
    assertThat(store.liveCalls().await()).singleElement().extracting(CallRecord::context).isEqualTo(context);

    store.write(new JournalBatch(List.of(), List.of(), List.of(), List.of(), List.of(), List.of(),
        List.of(new CallEnding("c1", "resolved", 1, summary("c1", 64, 58, 40), T0.plusSeconds(60))))).await();
    assertThat(store.call("c1").await().orElseThrow().context()).as("after the call ended").isEqualTo(context);
    assertThat(store.call("c1").await().orElseThrow().context().baseline().calls().get(1)).isEqualTo(AgentPace.NONE);
  }

  @Test
  void aRetriedBatch_changesNothing() {
    JournalBatch batch = new JournalBatch(
        List.of(CallRecord.started("c1", "agent-1", "team-a", "cu-1", "Dana", "en-US", T0)),
        List.of(frame("c1", 1, "call.start")), List.of(point("c1", 1, 0, 50, 50)),
        List.of(new PromptRecord("c1", "p-1", PromptKind.CHECK_IN, "Check in.", 1, 1, T0, List.of())),
        List.of(new PromptFeedbackRecord("c1", "p-1", PromptFeedback.Action.SHOWN, 2, T0)),
        List.of(), List.of());
    store.write(batch).await();
    store.write(batch).await();

    assertThat(store.frames("c1", 0, 100).await()).hasSize(1);
    assertThat(store.scores("c1", 0, 100).await()).hasSize(1);
    assertThat(store.prompts("c1").await()).hasSize(1);
    assertThat(store.promptFeedback("c1").await()).hasSize(1);
    assertThat(store.calls(CallQuery.all(10)).await().items()).hasSize(1);
  }

  @Test
  void framesAndScores_arePagedBySeq() {
    store.write(started("c1", "agent-1", "team-a", T0)).await();
    List<StoredFrame> frames = new ArrayList<>();
    List<ScorePoint> points = new ArrayList<>();
    for (int seq = 1; seq <= 10; seq++) {
      frames.add(frame("c1", seq, seq == 1 ? "call.start" : "acoustic"));
      points.add(point("c1", seq, seq * 1000L, 50 + seq, 50));
    }
    store.write(new JournalBatch(List.of(), frames, points, List.of(), List.of(), List.of(), List.of())).await();

    assertThat(store.frames("c1", 3, 4).await()).extracting(StoredFrame::seq).containsExactly(4L, 5L, 6L, 7L);
    assertThat(store.scores("c1", 8, 100).await()).extracting(ScorePoint::seq).containsExactly(9L, 10L);
    assertThat(store.frames("nobody", 0, 10).await()).isEmpty();
  }

  @Test
  void callsAreFilteredByState_agent_team_time_andScore() {
    store.write(started("c1", "agent-1", "team-a", T0)).await();
    store.write(started("c2", "agent-2", "team-a", T0.plusSeconds(60))).await();
    store.write(started("c3", "agent-3", "team-b", T0.plusSeconds(120))).await();
    store.write(ended("c1", "resolved", 3, summary("c1", 80, 82, 60), T0.plusSeconds(300))).await();
    store.write(ended("c3", "resolved", 3, summary("c3", 30, 35, 20), T0.plusSeconds(300))).await();

    assertThat(ids(new CallQuery(CallState.ENDED, null, null, null, null, null, null, null, null, 10)))
        .containsExactly("c3", "c1");
    assertThat(ids(new CallQuery(CallState.LIVE, null, null, null, null, null, null, null, null, 10)))
        .containsExactly("c2");
    assertThat(ids(new CallQuery(null, "agent-2", null, null, null, null, null, null, null, 10))).containsExactly("c2");
    assertThat(ids(new CallQuery(null, null, "team-a", null, null, null, null, null, null, 10)))
        .containsExactly("c2", "c1");
    assertThat(ids(new CallQuery(null, null, null, Set.of("team-b"), null, null, null, null, null, 10)))
        .containsExactly("c3");
    assertThat(ids(new CallQuery(null, null, null, null, T0.plusSeconds(60), T0.plusSeconds(120), null, null, null, 10)))
        .containsExactly("c2");
    assertThat(ids(new CallQuery(null, null, null, null, null, null, 50, 100, null, 10))).containsExactly("c1");
    assertThat(ids(new CallQuery(null, null, null, null, null, null, null, 35, null, 10))).containsExactly("c3");
  }

  @Test
  void pagesAreStable_whileNewCallsStart() {
    for (int i = 0; i < 7; i++) {
      store.write(started("c" + i, "agent-1", "team-a", T0.plusSeconds(i))).await();
    }
    // Two calls starting in the same millisecond are ordered by id, so no call falls between pages.
    store.write(started("c6b", "agent-1", "team-a", T0.plusSeconds(6))).await();

    Page<CallRecord, CallCursor> first = store.calls(CallQuery.all(3)).await();
    store.write(started("newer", "agent-1", "team-a", T0.plusSeconds(100))).await();
    Page<CallRecord, CallCursor> second = store.calls(CallQuery.all(3).after(first.next())).await();
    Page<CallRecord, CallCursor> third = store.calls(CallQuery.all(3).after(second.next())).await();

    assertThat(first.items()).extracting(CallRecord::callId).containsExactly("c6b", "c6", "c5");
    assertThat(second.items()).extracting(CallRecord::callId).containsExactly("c4", "c3", "c2");
    assertThat(third.items()).extracting(CallRecord::callId).containsExactly("c1", "c0");
    assertThat(third.next()).isNull();
    assertThat(CallCursor.decode(first.next().encode())).isEqualTo(first.next());
  }

  @Test
  void liveCalls_areTheOnesToRebuildAfterARestart() {
    store.write(started("c1", "agent-1", "team-a", T0)).await();
    store.write(started("c2", "agent-1", "team-a", T0.plusSeconds(1))).await();
    store.write(ended("c1", "resolved", 1, summary("c1", 50, 50, 50), T0.plusSeconds(9))).await();

    assertThat(store.liveCalls().await()).extracting(CallRecord::callId).containsExactly("c2");
  }

  @Test
  void alerts_areRaisedOnceAndCleared_kudosCountedOnce() {
    store.write(started("c1", "agent-1", "team-a", T0)).await();
    AlertRecord alert = new AlertRecord("a-1", "c1", "agent-1", "team-a", "low_score", "warning", "Score below 40",
        7L, 21_000L, T0.plusSeconds(21), null);
    store.alertRaised(alert).await();
    store.alertRaised(alert).await();
    store.alertCleared("a-1", T0.plusSeconds(40)).await();
    store.alertCleared("unknown", T0.plusSeconds(40)).await();
    KudosRecord kudos = new KudosRecord("k-1", "c1", "agent-1", "team-a", "recovery", "Turned it around", 75, 60, 30,
        T0.plusSeconds(50));
    store.kudosAwarded(kudos).await();
    store.kudosAwarded(kudos).await();

    assertThat(store.alerts("c1").await()).containsExactly(alert.cleared(T0.plusSeconds(40)));
    assertThat(store.kudos("c1").await()).containsExactly(kudos);
  }

  @Test
  void anOutcomePostedTwiceWithOneKey_isStoredOnce() {
    store.write(started("c1", "agent-1", "team-a", T0)).await();
    OutcomeRecord first = new OutcomeRecord("o-1", "c1", 4, 9, true, "survey", "key-1", T0.plusSeconds(600));
    OutcomeRecord retry = new OutcomeRecord("o-2", "c1", 4, 9, true, "survey", "key-1", T0.plusSeconds(601));
    OutcomeRecord corrected = new OutcomeRecord("o-3", "c1", 5, null, null, "crm", "key-2", T0.plusSeconds(700));

    assertThat(store.saveOutcome(first).await()).isEqualTo(new OutcomeSaved(first, true));
    assertThat(store.saveOutcome(retry).await()).isEqualTo(new OutcomeSaved(first, false));
    assertThat(store.saveOutcome(corrected).await().created()).isTrue();
    assertThat(store.outcomes("c1").await()).containsExactly(first, corrected);
  }

  @Test
  void callFacts_countPromptsTheirHelpfulness_kudos_andTheLatestOutcome() {
    store.write(started("c1", "agent-1", "team-a", T0)).await();
    store.write(started("c2", "agent-2", "team-b", T0.plusSeconds(10))).await();
    store.write(new JournalBatch(List.of(), List.of(), List.of(),
        List.of(prompt("c1", "p-1"), prompt("c1", "p-2"), prompt("c1", "p-3")),
        List.of(feedback("c1", "p-1", PromptFeedback.Action.SHOWN, 5), feedback("c1", "p-1", PromptFeedback.Action.HELPFUL, 6),
            feedback("c1", "p-2", PromptFeedback.Action.UNHELPFUL, 7), feedback("c1", "p-3", PromptFeedback.Action.DISMISSED, 8)),
        List.of(), List.of())).await();
    store.kudosAwarded(new KudosRecord("k-1", "c1", "agent-1", "team-a", "recovery", "Well done", 70, 60, 30, T0)).await();
    store.saveOutcome(new OutcomeRecord("o-1", "c1", 2, null, null, "survey", "k1", T0)).await();
    OutcomeRecord latest = new OutcomeRecord("o-2", "c1", 4, null, null, "survey", "k2", T0.plusSeconds(1));
    store.saveOutcome(latest).await();

    List<CallFacts> all = store.callFacts(new ReportQuery(null, null, null, null)).await();
    assertThat(all).extracting(f -> f.call().callId()).containsExactly("c1", "c2");
    CallFacts c1 = all.get(0);
    assertThat(List.of(c1.prompts(), c1.helpful(), c1.unhelpful(), c1.dismissed(), c1.kudos()))
        .containsExactly(3, 1, 1, 1, 1);
    assertThat(c1.outcome()).isEqualTo(latest);
    assertThat(all.get(1).outcome()).isNull();

    assertThat(store.callFacts(new ReportQuery(T0.plusSeconds(5), null, null, null)).await())
        .extracting(f -> f.call().callId()).containsExactly("c2");
    assertThat(store.callFacts(new ReportQuery(null, null, Set.of("team-a"), null)).await()).hasSize(1);
    assertThat(store.callFacts(new ReportQuery(null, null, null, "agent-2")).await()).hasSize(1);
  }

  @Test
  void playbooks_areVersioned_andAStaleWriteIsRefused() {
    JsonObject v1 = new JsonObject().put("attentionBudget", new JsonObject().put("minGapMs", 20000));
    JsonObject v2 = new JsonObject().put("attentionBudget", new JsonObject().put("minGapMs", 30000));

    assertThat(store.playbook("team-a").await()).isEmpty();
    Playbook first = store.savePlaybook("team-a", v1, 0, "admin-1", T0).await();
    Playbook second = store.savePlaybook("team-a", v2, 1, "admin-1", T0.plusSeconds(1)).await();
    assertThatThrownBy(() -> store.savePlaybook("team-a", v1, 1, "admin-2", T0.plusSeconds(2)).await())
        .isInstanceOf(VersionConflict.class)
        .satisfies(e -> assertThat(((VersionConflict) e).currentVersion()).isEqualTo(2));
    assertThatThrownBy(() -> store.savePlaybook("team-b", v1, 3, "admin-2", T0).await())
        .isInstanceOf(VersionConflict.class);

    assertThat(first.version()).isEqualTo(1);
    assertThat(second.version()).isEqualTo(2);
    assertThat(store.playbook("team-a").await().orElseThrow().document()).isEqualTo(v2);
    assertThat(store.playbooks().await()).extracting(Playbook::teamId).containsExactly("team-a");
  }

  @Test
  void webhooks_keepTheirDeliveryLog_newestFirst_untilRemoved() {
    WebhookSubscription hook = new WebhookSubscription("w-1", "https://crm.example/hooks", List.of("call.ended"),
        "s3cret-s3cret-s3cret", "integrator-1", T0);
    store.addWebhook(hook).await();
    WebhookDelivery pending = new WebhookDelivery("d-1", "w-1", "call.ended", "e-1", WebhookDelivery.State.PENDING, 1,
        500, null, T0, T0);
    store.saveDelivery(pending).await();
    WebhookDelivery delivered = new WebhookDelivery("d-1", "w-1", "call.ended", "e-1", WebhookDelivery.State.DELIVERED,
        2, 200, null, T0, T0.plusSeconds(1));
    store.saveDelivery(delivered).await();
    WebhookDelivery other = new WebhookDelivery("d-2", "w-1", "call.ended", "e-2", WebhookDelivery.State.FAILED, 5,
        null, "connection refused", T0.plusSeconds(2), T0.plusSeconds(9));
    store.saveDelivery(other).await();

    assertThat(store.webhooks().await()).containsExactly(hook);
    assertThat(store.webhook("w-1").await()).contains(hook);
    assertThat(store.deliveries("w-1", 10).await()).containsExactly(other, delivered);
    assertThat(store.deliveries("w-1", 1).await()).containsExactly(other);
    assertThat(store.removeWebhook("w-1").await()).isTrue();
    assertThat(store.removeWebhook("w-1").await()).isFalse();
    assertThat(store.webhooks().await()).isEmpty();
    assertThat(store.deliveries("w-1", 10).await()).isEmpty();
  }

  @Test
  void retention_deletesTranscriptsOfOldCalls_keepsScores() {
    store.write(started("old", "agent-1", "team-a", T0)).await();
    store.write(started("recent", "agent-1", "team-a", T0.plusSeconds(10))).await();
    store.write(new JournalBatch(List.of(),
        List.of(frame("old", 1, "call.start"), utterance("old", 2, "customer", "hello"),
            frame("recent", 1, "call.start"), utterance("recent", 2, "customer", "hello")),
        List.of(point("old", 2, 3000, 50, 50)), List.of(), List.of(), List.of(), List.of())).await();
    store.write(ended("old", "resolved", 2, summary("old", 50, 50, 50), T0.plusSeconds(60))).await();
    store.write(ended("recent", "resolved", 2, summary("recent", 50, 50, 50), T0.plusSeconds(3600))).await();

    assertThat(store.deleteTranscriptsEndedBefore(T0.plusSeconds(600)).await()).isEqualTo(1);

    assertThat(store.frames("old", 0, 10).await()).extracting(StoredFrame::type).containsExactly("call.start");
    assertThat(store.frames("recent", 0, 10).await()).hasSize(2);
    assertThat(store.scores("old", 0, 10).await()).hasSize(1);
  }

  @Test
  void quarantinedEntries_keepTheirReasonAndEscapedContent_onceEach_untilRetentionRemovesThem() {
    String content = new io.vertx.core.json.JsonObject().put("text", "my order\u0000 never came").encode();
    QuarantinedEntry bad = new QuarantinedEntry("q-1", "c1", 2L, "frame", content, "22P05 unsupported Unicode escape",
        T0);
    store.quarantine(bad).await();
    store.quarantine(bad).await();
    store.quarantine(new QuarantinedEntry("q-2", "c2", null, "call", "{}", "22021 invalid byte sequence",
        T0.plusSeconds(3600))).await();

    List<QuarantinedEntry> kept = store.quarantined(10).await();
    assertThat(kept).extracting(QuarantinedEntry::entryId).containsExactly("q-1", "q-2");
    assertThat(kept.get(0)).isEqualTo(bad);
    assertThat(new io.vertx.core.json.JsonObject(kept.get(0).content()).getString("text"))
        .isEqualTo("my order\u0000 never came");

    store.deleteTranscriptsEndedBefore(T0.plusSeconds(600)).await();
    assertThat(store.quarantined(10).await()).extracting(QuarantinedEntry::entryId).containsExactly("q-2");
  }

  @Test
  void aCustomersCallsAreListedNewestFirst_andErasureRemovesEveryTraceOfTheEndedOnes() {
    for (String[] call : new String[][] {{"k1", "cu-7"}, {"k2", "cu-7"}, {"k3", "cu-8"}, {"k4", "cu-7"}}) {
      int i = Integer.parseInt(call[0].substring(1));
      store.write(new JournalBatch(List.of(CallRecord.started(call[0], "agent-1", "team-a", call[1], "Dana", "en-US",
          T0.plusSeconds(i))), List.of(frame(call[0], 1, "call.start"), utterance(call[0], 2, "customer", "hello")),
          List.of(point(call[0], 2, 3000, 50, 50)),
          List.of(new PromptRecord(call[0], "p-1", PromptKind.CHECK_IN, "Check in.", 1, 2, T0.plusSeconds(i), List.of())),
          List.of(), List.of(new WhisperRecord(call[0], "sup-1", "hi", WhisperOutcome.DELIVERED, T0.plusSeconds(i))),
          List.of())).await();
      store.alertRaised(new AlertRecord("a-" + call[0], call[0], "agent-1", "team-a", "low_score", "warning", "low", 2L,
          3000L, T0.plusSeconds(i), null)).await();
      store.saveOutcome(new OutcomeRecord("o-" + call[0], call[0], 4, null, true, "survey", "k", T0)).await();
    }
    store.write(ended("k1", "resolved", 2, summary("k1", 50, 50, 50), T0.plusSeconds(60))).await();
    store.write(ended("k2", "resolved", 2, summary("k2", 50, 50, 50), T0.plusSeconds(60))).await();
    store.write(ended("k3", "resolved", 2, summary("k3", 50, 50, 50), T0.plusSeconds(60))).await();

    assertThat(store.customerCalls("cu-7", 10).await()).extracting(CallRecord::callId).containsExactly("k4", "k2", "k1");
    assertThat(store.customerCalls("cu-7", 2).await()).extracting(CallRecord::callId).containsExactly("k4", "k2");

    assertThat(store.forgetCustomer("cu-7").await()).isEqualTo(2);
    for (String erased : List.of("k1", "k2")) {
      assertThat(store.call(erased).await()).isEmpty();
      assertThat(store.frames(erased, 0, 10).await()).isEmpty();
      assertThat(store.scores(erased, 0, 10).await()).isEmpty();
      assertThat(store.prompts(erased).await()).isEmpty();
      assertThat(store.whispers(erased).await()).isEmpty();
      assertThat(store.alerts(erased).await()).isEmpty();
      assertThat(store.outcomes(erased).await()).isEmpty();
    }
    // The live call stays until it ends; another customer is untouched; erasing again erases nothing.
    assertThat(store.customerCalls("cu-7", 10).await()).extracting(CallRecord::callId).containsExactly("k4");
    assertThat(store.frames("k3", 0, 10).await()).hasSize(2);
    assertThat(store.outcomes("k3").await()).hasSize(1);
    assertThat(store.forgetCustomer("cu-7").await()).isZero();
    assertThat(store.calls(CallQuery.all(10)).await().items()).extracting(CallRecord::callId)
        .containsExactlyInAnyOrder("k3", "k4");
  }

  @Test
  void unknownThings_areEmpty_notFailures() {
    assertThat(store.call("nope").await()).isEmpty();
    assertThat(store.prompts("nope").await()).isEmpty();
    assertThat(store.alerts("nope").await()).isEmpty();
    assertThat(store.outcomes("nope").await()).isEmpty();
    assertThat(store.webhook("nope").await()).isEmpty();
    assertThat(store.calls(CallQuery.all(5)).await()).isEqualTo(new Page<>(List.of(), null));
  }

  // ---- test data in the product's words

  private List<String> ids(CallQuery query) {
    return store.calls(query).await().items().stream().map(CallRecord::callId).toList();
  }

  protected static JournalBatch started(String callId, String agentId, String teamId, Instant at) {
    return new JournalBatch(List.of(CallRecord.started(callId, agentId, teamId, "cu-" + callId, "Dana", "en-US", at)),
        List.of(), List.of(), List.of(), List.of(), List.of(), List.of());
  }

  protected static JournalBatch ended(String callId, String reason, long lastSeq, CallSummary summary, Instant at) {
    return new JournalBatch(List.of(), List.of(), List.of(), List.of(), List.of(), List.of(),
        List.of(new CallEnding(callId, reason, lastSeq, summary, at)));
  }

  protected static CallSummary summary(String callId, int score, int callScore, int minScore) {
    return new CallSummary(callId, "care-1", score, callScore, minScore, PARTS,
        List.of(PromptKind.ACKNOWLEDGE_FEELINGS, PromptKind.POSITIVE_RECOVERY), new Recovery(minScore, 12_000, 48_000, 4.25),
        null, new AgentPace(204.5, null, 0.62));
  }

  protected static StoredFrame frame(String callId, long seq, String type) {
    return new StoredFrame(callId, seq, type, T0.plusSeconds(seq), frameJson(callId, seq, type));
  }

  protected static StoredFrame utterance(String callId, long seq, String speaker, String text) {
    return new StoredFrame(callId, seq, "utterance", T0.plusSeconds(seq), frameJson(callId, seq, "utterance")
        .put("speaker", speaker).put("text", text).put("final", true));
  }

  private static JsonObject frameJson(String callId, long seq, String type) {
    return new JsonObject().put("type", type).put("callId", callId).put("seq", seq).put("ts", T0.toEpochMilli() + seq);
  }

  protected static ScorePoint point(String callId, long seq, long callTimeMs, int score, int callScore) {
    return new ScorePoint(callId, seq, callTimeMs, score, callScore, PARTS, Trend.RISING,
        List.of(new Reason("empathy.acknowledged", Part.EMPATHY, 6.5, List.of("seq:" + seq), "acknowledged feelings")),
        T0.plusMillis(callTimeMs));
  }

  protected static PromptRecord prompt(String callId, String promptId) {
    return new PromptRecord(callId, promptId, PromptKind.TAKE_OWNERSHIP, "Own it.", 2, 3, T0, List.of());
  }

  protected static PromptFeedbackRecord feedback(String callId, String promptId, PromptFeedback.Action action, long seq) {
    return new PromptFeedbackRecord(callId, promptId, action, seq, T0.plusSeconds(seq));
  }
}

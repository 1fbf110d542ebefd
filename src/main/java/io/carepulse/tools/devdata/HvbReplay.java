package io.carepulse.tools.devdata;

import io.carepulse.protocol.CallEnd;
import io.carepulse.protocol.CallFrame;
import io.carepulse.protocol.CallStart;
import io.carepulse.protocol.EmotionEstimate;
import io.carepulse.protocol.Speaker;
import io.carepulse.protocol.Utterance;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns one HVB call into the client frames a softphone plugin would have sent (protocol v1): call.start, one final
 * utterance per spoken segment in time order, optionally the segment's external emotion estimate, and call.end.
 * Deterministic: time comes from a fixed epoch base plus the segment offsets, never from a clock.
 */
public final class HvbReplay {

  /** 2026-01-01T00:00:00Z: any fixed instant works; a fixed one makes converted files byte-identical. */
  public static final long EPOCH_BASE_MS = 1_767_225_600_000L;
  public static final String TEAM_ID = "hvb";
  public static final String EMOTION_SOURCE = "gridspace";

  private final boolean withEmotion;

  public HvbReplay(boolean withEmotion) {
    this.withEmotion = withEmotion;
  }

  public static String callId(HvbCall call) {
    return "hvb-" + call.sid();
  }

  public List<CallFrame> frames(HvbCall call) {
    String callId = callId(call);
    List<CallFrame> frames = new ArrayList<>();
    frames.add(new CallStart(callId, 1, EPOCH_BASE_MS, new CallStart.Customer(null, call.callerName()), TEAM_ID,
        CallStart.DEFAULT_LOCALE, metadata(call)));
    // Agent and caller channels are offset, so index order is not time order in about half the calls.
    List<HvbCall.Segment> inTimeOrder = new ArrayList<>(call.segments());
    inTimeOrder.sort(Comparator.comparingLong(HvbCall.Segment::startMs).thenComparingInt(HvbCall.Segment::index));
    long endMs = 0;
    for (HvbCall.Segment segment : inTimeOrder) {
      endMs = Math.max(endMs, segment.endMs());
      String words = TranscriptText.spokenWords(segment.text());
      if (words.isEmpty()) {
        continue;
      }
      long ts = EPOCH_BASE_MS + segment.startMs();
      Speaker speaker = segment.isCaller() ? Speaker.CUSTOMER : Speaker.AGENT;
      frames.add(new Utterance(callId, frames.size() + 1, ts, speaker, words, true, segment.startMs(),
          segment.endMs(), call.sid() + "-" + segment.index()));
      // Emotion is inferred for the customer only: never for the agent (DESIGN.md, "Privacy and law").
      if (withEmotion && segment.isCaller() && segment.emotion() != null) {
        frames.add(emotion(callId, frames.size() + 1, ts, segment.emotion()));
      }
    }
    frames.add(new CallEnd(callId, frames.size() + 1, EPOCH_BASE_MS + endMs, "completed"));
    return frames;
  }

  private static Map<String, Object> metadata(HvbCall call) {
    Map<String, Object> metadata = new LinkedHashMap<>();
    metadata.put("source", "Harper Valley Bank sample");
    metadata.put("sid", call.sid());
    metadata.put("agentPersona", call.agentName());
    if (call.session() != null) {
      metadata.put("session", call.session());
    }
    metadata.put("tasks", call.tasks());
    return metadata;
  }

  /**
   * Gridspace's softmax [negative, neutral, positive] as a protocol emotion frame. Valence is positive minus
   * negative. The model gives no arousal, so arousal is a heuristic: how far the estimate is from neutral
   * (1 − neutral). Confidence is the softmax's top probability.
   */
  static EmotionEstimate emotion(String callId, long seq, long ts, double[] softmax) {
    double negative = softmax[0];
    double neutral = softmax[1];
    double positive = softmax[2];
    String label = positive >= negative && positive >= neutral ? "positive"
        : negative >= neutral ? "negative" : "neutral";
    double confidence = Math.max(negative, Math.max(neutral, positive));
    return new EmotionEstimate(callId, seq, ts, Speaker.CUSTOMER, round4(clamp(positive - negative, -1, 1)),
        round4(clamp(1 - neutral, 0, 1)), label, EMOTION_SOURCE, round4(confidence));
  }

  private static double clamp(double value, double low, double high) {
    return Math.max(low, Math.min(high, value));
  }

  private static double round4(double value) {
    return Math.round(value * 10_000.0) / 10_000.0;
  }
}

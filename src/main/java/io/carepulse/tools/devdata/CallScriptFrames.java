package io.carepulse.tools.devdata;

import io.carepulse.protocol.Acoustic;
import io.carepulse.protocol.CallEnd;
import io.carepulse.protocol.CallFrame;
import io.carepulse.protocol.CallStart;
import io.carepulse.protocol.SoftphoneEvent;
import io.carepulse.protocol.Speaker;
import io.carepulse.protocol.Utterance;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A {@link CallScript} as the PROTOCOL-v1 frames a softphone plugin would send, in the order it would send them:
 * {@code call.start}; each utterance as a final when it ends; each event when it happens; audio windows as
 * {@link Audio} says; and {@code call.end}. Deterministic: the same script and options give the same frames.
 */
public final class CallScriptFrames {

  /** 2026-01-01T00:00:00Z, the base of every bundled replay file (HVB too), so converting twice changes nothing. */
  public static final long BASE_TS = 1_767_225_600_000L;
  static final long WINDOW_MS = 1_000;
  /** Speech has gaps between words: a window fully inside an utterance is this voiced. */
  static final double SPEECH_VOICED = 0.85;
  /** Below this share of a window a speaker's audio is not worth a voiced window. */
  static final double MIN_SHARE = 0.05;

  /** Which acoustic windows go with the call. */
  public enum Audio {
    /** None: transcript and events only. */
    NONE,
    /**
     * One unvoiced window (agent channel, −60 dBFS) a second through each pause, from its start: what a plugin's
     * audio stream adds that matters to the score (silence is noticed while it lasts). What evaluation streams.
     */
    SILENCES,
    /**
     * One window a second all call long, ending on the second: a voiced one for whoever speaks in it (both, if they
     * overlap), otherwise a silence window on the agent's channel — as a softphone plugin sends. The bundled demo.
     */
    EVERY_SECOND
  }

  /** {@code callId} and {@code teamId} default to the script's {@code id} and {@code team}. */
  public record Options(String callId, String teamId, long baseTs, Audio audio) {

    public static Options defaults() {
      return new Options(null, null, BASE_TS, Audio.NONE);
    }

    /** {@code devdata script --audio}: a window every second. */
    public Options withAudio(boolean on) {
      return withAudio(on ? Audio.EVERY_SECOND : Audio.NONE);
    }

    public Options withAudio(Audio audio) {
      return new Options(callId, teamId, baseTs, audio);
    }

    public Options withTeam(String team) {
      return new Options(callId, team, baseTs, audio);
    }

    public Options withCallId(String id) {
      return new Options(id, teamId, baseTs, audio);
    }
  }

  private CallScriptFrames() {
  }

  public static List<CallFrame> frames(CallScript script) {
    return frames(script, Options.defaults());
  }

  public static List<CallFrame> frames(CallScript script, Options options) {
    String callId = options.callId() != null ? options.callId() : script.id();
    String teamId = options.teamId() != null ? options.teamId() : script.team().orElse(null);
    long base = options.baseTs();

    // Timed drafts first (seq comes last, from the send order), in script order: times only rise along a script.
    List<Draft> drafts = new ArrayList<>();
    int utterances = 0;
    for (CallScript.Line line : script.lines()) {
      if (line instanceof CallScript.Said said) {
        String utteranceId = script.id() + "-" + ++utterances;
        drafts.add(new Draft(said.endMs(), 1, drafts.size(), seq -> new Utterance(callId, seq, base + said.endMs(),
            said.speaker(), said.text(), true, said.startMs(), said.endMs(), utteranceId)));
      } else if (line instanceof CallScript.Event event) {
        drafts.add(new Draft(event.atMs(), 1, drafts.size(),
            seq -> new SoftphoneEvent(callId, seq, base + event.atMs(), event.kind(), null)));
      } else if (line instanceof CallScript.Pause pause && options.audio() == Audio.SILENCES) {
        for (long t = pause.atMs() + WINDOW_MS; t <= pause.untilMs(); t += WINDOW_MS) {
          long end = t;
          drafts.add(new Draft(end, 2, drafts.size(), seq -> silence(callId, seq, base + end, WINDOW_MS)));
        }
      }
    }
    if (options.audio() == Audio.EVERY_SECOND) {
      drafts.addAll(windows(script, callId, base, drafts.size()));
      // Windows close on the second: merged in by time, after a line that happens at the same instant.
      drafts.sort(Comparator.comparingLong(Draft::atMs).thenComparingInt(Draft::rank).thenComparingInt(Draft::order));
    }

    List<CallFrame> frames = new ArrayList<>(drafts.size() + 2);
    frames.add(new CallStart(callId, 1, base, new CallStart.Customer(null, script.customer().orElse(null)), teamId,
        null, metadata(script)));
    for (Draft draft : drafts) {
      frames.add(draft.frame().at(frames.size() + 1));
    }
    frames.add(new CallEnd(callId, frames.size() + 1, base + script.endMs(), "completed"));
    return frames;
  }

  /** What the softphone knows about the call: where the script came from and what it is, for people and tools. */
  private static Map<String, Object> metadata(CallScript script) {
    Map<String, Object> metadata = new LinkedHashMap<>();
    metadata.put("script", script.id());
    metadata.put("source", script.field("source").orElse("call script"));
    script.agent().ifPresent(agent -> metadata.put("agentId", agent));
    script.industry().ifPresent(industry -> metadata.put("industry", industry));
    script.kind().ifPresent(kind -> metadata.put("kind", kind));
    script.group().ifPresent(group -> metadata.put("group", group));
    script.csat().ifPresent(csat -> metadata.put("csat", csat));
    return metadata;
  }

  private static List<Draft> windows(CallScript script, String callId, long base, int firstOrder) {
    List<CallScript.Said> said = script.said();
    List<Draft> windows = new ArrayList<>();
    for (long start = 0; start < script.endMs(); start += WINDOW_MS) {
      long end = Math.min(start + WINDOW_MS, script.endMs());
      long length = end - start;
      boolean voiced = false;
      for (Speaker speaker : Speaker.values()) {
        long spoken = 0;
        for (CallScript.Said line : said) {
          if (line.speaker() == speaker) {
            spoken += Math.max(0, Math.min(end, line.endMs()) - Math.max(start, line.startMs()));
          }
        }
        double share = (double) spoken / length;
        if (share >= MIN_SHARE) {
          voiced = true;
          windows.add(window(callId, base, start, end, speaker, share, windows.size() + firstOrder));
        }
      }
      if (!voiced) {
        long windowEnd = end;
        windows.add(new Draft(end, 2, windows.size() + firstOrder,
            seq -> silence(callId, seq, base + windowEnd, length)));
      }
    }
    return windows;
  }

  /** An unvoiced window on the agent's channel: nobody speaks. */
  private static Acoustic silence(String callId, long seq, long ts, long windowMs) {
    return new Acoustic(callId, seq, ts, Speaker.AGENT, windowMs, -60.0, null, 0.0, null);
  }

  /**
   * A voiced window with plausible, gently varying features (the variation is a function of time, so it is
   * deterministic): agents around −24 dBFS and 140 Hz, customers around −22 dBFS and 205 Hz, 150 words a minute.
   */
  private static Draft window(String callId, long base, long start, long end, Speaker speaker, double share,
                              int order) {
    int wobble = (int) ((start / WINDOW_MS) * 7 % 5) - 2;
    double rms = (speaker == Speaker.AGENT ? -24.0 : -22.0) + wobble * 0.5;
    double pitch = (speaker == Speaker.AGENT ? 140.0 : 205.0) + wobble * 3;
    double voicedRatio = Math.round(SPEECH_VOICED * share * 100) / 100.0;
    return new Draft(end, 2, order, seq -> new Acoustic(callId, seq, base + end, speaker, end - start, rms, pitch,
        voicedRatio, CallScriptParser.WORDS_PER_MINUTE));
  }

  /** A frame waiting for its seq. */
  private interface Numbered {
    CallFrame at(long seq);
  }

  /** rank: utterances and events (1) before the audio window (2) that closes at the same instant. */
  private record Draft(long atMs, int rank, int order, Numbered frame) {
  }
}

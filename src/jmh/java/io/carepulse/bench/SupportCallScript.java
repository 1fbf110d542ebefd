package io.carepulse.bench;

import io.carepulse.protocol.Acoustic;
import io.carepulse.protocol.CallStart;
import io.carepulse.protocol.Speaker;
import io.carepulse.protocol.Utterance;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * A billing complaint as a contact centre hears it, written for the benchmarks: fifty final turns alternating agent
 * and customer, with frustration, escalation, empathy, deflection, commitments, next steps, back-channels and the
 * customer's name, so every detector has work to do. Frames are built once, before measuring, as the frame reader
 * would hand them to the core.
 */
final class SupportCallScript {

  static final long CALL_START_TS = 1_767_225_600_000L;
  static final String CUSTOMER_NAME = "Maria Lopez";

  /** Even lines are the agent's, odd lines the customer's. */
  static final String[] TURNS = {
      "Thank you for calling Harper Valley Bank, my name is Sam, how can I help you today?",
      "Hi, yes, I'm calling because you charged my card twice for the same order and I want it fixed.",
      "I'm sorry to hear that. Can I have your account number please?",
      "It's 4417 2290. This is the third time I've called about this!",
      "I understand how frustrating that must be, Maria. Let me pull up your account.",
      "Every time I call I get transferred around and nobody does anything.",
      "Mm-hmm.",
      "And the last person told me it would be refunded in three days, and it's been two weeks.",
      "I can see both charges here from the twelfth, one for 89 dollars and one for 89 dollars again.",
      "Right, so why is it still not refunded? This is ridiculous.",
      "That's not my department, you'll have to talk to the disputes team about refunds.",
      "No, I'm not calling anyone else. I want to speak to a manager.",
      "I hear you. I'll take care of this myself and stay on the line with you.",
      "Okay. Fine. What are you going to do?",
      "I'll file the dispute right now and you will get an email confirmation within 24 hours.",
      "How long until the money is actually back in my account?",
      "The refund will show up in three to five business days, and I'll send you the reference number.",
      "Three to five days. Last time they said three days and nothing happened.",
      "I completely understand why you're upset. I'll personally follow up on Friday to make sure it went through.",
      "Okay, that would actually help. Thank you.",
      "Is the card itself still working for you, or would you like a replacement?",
      "The card works, I just don't want to be charged twice again.",
      "Got it. I've added a note so the duplicate charge is flagged on the merchant side too.",
      "What does that mean exactly? I'm a bit confused.",
      "It means if the merchant sends the same charge again, we hold it before it reaches your balance.",
      "Oh, okay, that makes sense.",
      "Can you confirm the email address on file ends in gmail dot com?",
      "Yes, that's right, maria dot lopez at gmail.",
      "Perfect. I'm sending the confirmation now.",
      "I got it. It says case number 55821.",
      "That's the one. Keep that number in case you need to reference it.",
      "Honestly I was ready to cancel my account before this call.",
      "I'm really sorry you had to go through all of that, Maria. You shouldn't have had to call three times.",
      "Well, you've been a lot more helpful than the others.",
      "Thank you for your patience. Is there anything else I can help you with today?",
      "Actually yes, I also wanted to ask about the overdraft fee from last month.",
      "Sure, let me check that for you. I see a 35 dollar fee on the third.",
      "That happened because of the double charge, so it's not fair.",
      "You're right, that fee came from our mistake. I'll reverse it right now.",
      "Great, thank you so much. I really appreciate it.",
      "It's done. The 35 dollars will be back in your account by tomorrow.",
      "Wonderful. So what happens next with the dispute?",
      "You'll get an email within 24 hours, the refund lands in three to five days, and I'll call you Friday.",
      "Okay. And if it doesn't show up by then?",
      "Then call back with the case number and ask for me, Sam, and I'll escalate it straight away.",
      "Alright. I feel a lot better about this now.",
      "I'm glad we could sort it out. I'm sorry again for the trouble you had.",
      "No problem. Thanks for actually listening to me.",
      "You're very welcome, Maria. Have a great rest of your day.",
      "You too, bye."
  };

  /** Agents speak at about 150 words a minute; a pause of this long sits between turns. */
  private static final double WORDS_PER_MS = 150.0 / 60_000.0;
  private static final long GAP_MS = 700;

  private SupportCallScript() {
  }

  static CallStart callStart(String callId) {
    return new CallStart(callId, 1, CALL_START_TS, new CallStart.Customer("c-1", CUSTOMER_NAME), "team-a", "en-US",
        Map.of());
  }

  /** {@code count} final utterances cycling through the script, with advancing seq, ts and turn timing. */
  static Utterance[] finalUtterances(String callId, int count) {
    Utterance[] frames = new Utterance[count];
    long atMs = 500;
    for (int i = 0; i < count; i++) {
      String text = TURNS[i % TURNS.length];
      long startMs = atMs;
      long endMs = startMs + Math.max(400, Math.round(text.split(" ").length / WORDS_PER_MS));
      Speaker speaker = i % 2 == 0 ? Speaker.AGENT : Speaker.CUSTOMER;
      frames[i] = new Utterance(callId, i + 2, CALL_START_TS + endMs, speaker, text, true, startMs, endMs,
          "u-" + (i + 1));
      atMs = endMs + GAP_MS;
    }
    return frames;
  }

  /**
   * {@code count} audio-feature windows, both sides of the call interleaved as the browser sends them, with
   * loudness, pitch and voicing that wander around each speaker's normal (seeded, so every run is the same).
   */
  static Acoustic[] acousticWindows(String callId, int count, long windowMs) {
    SplittableRandom random = new SplittableRandom(42);
    Acoustic[] frames = new Acoustic[count];
    for (int i = 0; i < count; i++) {
      Speaker speaker = i % 2 == 0 ? Speaker.CUSTOMER : Speaker.AGENT;
      long ts = CALL_START_TS + (i / 2 + 1) * windowMs;
      double base = speaker == Speaker.CUSTOMER ? 210 : 120;
      frames[i] = new Acoustic(callId, i + 2, ts, speaker, windowMs, -32 + random.nextDouble() * 12,
          base + random.nextDouble() * 60, random.nextDouble(), 120 + random.nextDouble() * 90);
    }
    return frames;
  }
}

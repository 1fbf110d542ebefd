package io.carepulse.tools.simulate;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Compact one-line renderings of what the server sends, for a person watching a simulation. */
final class ServerMessageText {

  private static final String[][] PARTS = {
      {"emotion", "emo"}, {"empathy", "emp"}, {"ownership", "own"}, {"listening", "lis"},
      {"responsiveness", "res"}, {"personal", "per"}};

  private ServerMessageText() {
  }

  static String score(JsonObject score) {
    StringBuilder line = new StringBuilder()
        .append("score ").append(score.getValue("score"))
        .append(" (call ").append(score.getValue("callScore"));
    String trend = score.getString("trend");
    if (trend != null) {
      line.append(", ").append(trend);
    }
    line.append(')');
    JsonObject parts = score.getJsonObject("parts");
    if (parts != null) {
      line.append(" |");
      for (String[] part : PARTS) {
        line.append(' ').append(part[1]).append(' ').append(parts.getValue(part[0], "-"));
      }
    }
    List<String> reasons = reasons(score.getJsonArray("reasons"));
    if (!reasons.isEmpty()) {
      line.append(" | ").append(String.join("; ", reasons));
    }
    return line.toString();
  }

  static String prompt(JsonObject prompt) {
    return ">>> PROMPT " + prompt.getString("kind", "?") + ": " + prompt.getString("text", "")
        + " <<<";
  }

  static String error(JsonObject error) {
    StringBuilder line = new StringBuilder("!! error ").append(error.getString("code", "?"));
    if (error.containsKey("seq")) {
      line.append(" seq ").append(error.getValue("seq"));
    }
    if (error.containsKey("expectedSeq")) {
      line.append(" expectedSeq ").append(error.getValue("expectedSeq"));
    }
    return line.append(": ").append(error.getString("message", "")).toString();
  }

  static String whisper(JsonObject whisper) {
    return "whisper from " + whisper.getString("from", "supervisor") + ": " + whisper.getString("text", "");
  }

  static String sent(JsonObject frame) {
    if ("utterance".equals(frame.getString("type")) && frame.getBoolean("final", false)) {
      return String.format(Locale.ROOT, "%-9s %s", frame.getString("speaker", "?") + ":", frame.getString("text", ""));
    }
    if ("event".equals(frame.getString("type"))) {
      return "(" + frame.getString("kind", "event") + ")";
    }
    return null;
  }

  private static List<String> reasons(JsonArray reasons) {
    List<String> texts = new ArrayList<>();
    if (reasons == null) {
      return texts;
    }
    for (int i = 0; i < reasons.size(); i++) {
      Object item = reasons.getValue(i);
      if (item instanceof JsonObject reason) {
        StringBuilder text = new StringBuilder(reason.getString("rule", "?"));
        Object delta = reason.getValue("delta");
        if (delta instanceof Number number) {
          text.append(String.format(Locale.ROOT, " %+.1f", number.doubleValue()));
        }
        if (reason.getString("text") != null) {
          text.append(" (").append(reason.getString("text")).append(')');
        }
        texts.add(text.toString());
      } else if (item != null) {
        texts.add(item.toString());
      }
    }
    return texts;
  }
}

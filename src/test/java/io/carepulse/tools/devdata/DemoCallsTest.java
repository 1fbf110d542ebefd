package io.carepulse.tools.devdata;

import static org.assertj.core.api.Assertions.assertThat;

import io.carepulse.alert.AlertChange;
import io.carepulse.alert.AlertRules;
import io.carepulse.alert.AlertSettings;
import io.carepulse.alert.Kudos;
import io.carepulse.alert.Recognition;
import io.carepulse.engine.CallEngine;
import io.carepulse.engine.CoreConfig;
import io.carepulse.protocol.CallFrame;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The scripted demo calls (src/main/resources/samples/demo): the bundled replay files are exactly what the scripts
 * convert to, and each call tells its story through the real core and alert rules. The story is asserted loosely
 * (an alert, a kudos, which way the score went), so that a better score model keeps passing.
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class DemoCallsTest {

  static final Path DEMO = Path.of("src/main/resources/samples/demo");

  @Test
  void theBundledReplayFilesAreTheScriptsConverted_withAudio() throws IOException {
    List<Path> scripts = scripts();
    assertThat(scripts).hasSizeGreaterThanOrEqualTo(4);
    List<String> index = Files.readAllLines(DEMO.resolve("index.txt"));
    for (Path script : scripts) {
      String name = script.getFileName().toString().replace(".call", ".jsonl");
      String converted = ScriptCommand.jsonl(CallScriptFrames.frames(CallScriptParser.parse(script),
          CallScriptFrames.Options.defaults().withAudio(true)));
      assertThat(DEMO.resolve(name)).as("regenerate with: devdata script %s --out %s --audio", DEMO, DEMO)
          .hasContent(converted);
      assertThat(index).contains(name);
    }
  }

  @Test
  void everyDemoScriptIsLabelledAsWrittenNotRecorded() throws IOException {
    for (Path script : scripts()) {
      assertThat(CallScriptParser.parse(script).field("source")).get().asString()
          .contains("written by the CarePulse team").contains("not a recorded call");
    }
    assertThat(Files.readString(DEMO.resolve("NOTICE"))).contains("written by the CarePulse team");
  }

  @Test
  void turnaround_theCustomerEscalates_theAgentRecovers_andEarnsKudos() {
    Story story = Story.of("turnaround");
    assertThat(story.raised()).contains("escalation_request");
    assertThat(story.kudos()).isPresent();
    assertThat(story.finalScore()).isGreaterThan(story.lowest() + 10);
  }

  @Test
  void lost_goesWrongToTheEnd() {
    Story story = Story.of("lost");
    assertThat(story.raised()).isNotEmpty();
    assertThat(story.kudos()).isEmpty();
    assertThat(story.finalScore()).isLessThan(story.first());
    assertThat(story.finalScore()).as("ends in the cold band, near its lowest").isLessThanOrEqualTo(35)
        .isLessThanOrEqualTo(story.lowest() + 10);
  }

  @Test
  void silentHold_aLongHoldNobodyChecksOn_raisesTheHoldAlert() {
    Story story = Story.of("silent-hold");
    assertThat(story.raised()).contains("long_hold");
    assertThat(story.kudos()).isEmpty();
  }

  @Test
  void caringCalls_riseWithoutTrouble_andEarnKudos() {
    List<Story> caring = List.of(Story.of("caring"), Story.of("checked-hold"));
    for (Story story : caring) {
      assertThat(story.raised()).doesNotContain("escalation_request", "churn_threat", "long_hold");
      assertThat(story.finalScore()).isGreaterThan(story.first());
    }
    assertThat(caring).anySatisfy(story -> assertThat(story.kudos()).isPresent());
  }

  /** One demo call run through the core, the alert rules and recognition, as a live call session runs it. */
  record Story(List<String> raised, List<Integer> scores, Optional<Kudos> kudos) {

    static Story of(String name) {
      CallScript script = CallScriptParser.parse(DEMO.resolve(name + ".call"));
      List<CallFrame> frames = CallScriptFrames.frames(script, CallScriptFrames.Options.defaults().withAudio(true));
      String callId = frames.get(0).callId();
      AlertSettings settings = AlertSettings.defaults();
      CallEngine engine = new CallEngine(callId, CoreConfig.defaults());
      AlertRules rules = new AlertRules(callId, settings);
      Recognition recognition = new Recognition(callId, settings);
      List<String> raised = new ArrayList<>();
      List<Integer> scores = new ArrayList<>();
      for (CallFrame frame : frames) {
        CallEngine.Step step = engine.apply(frame);
        step.score().ifPresent(update -> scores.add(update.score()));
        for (AlertChange change : rules.applied(frame, step)) {
          if (change.type() == AlertChange.Type.RAISED) {
            raised.add(change.alert().kind().wire());
          }
        }
        recognition.applied(frame, step);
      }
      Optional<Kudos> kudos = recognition.ended(true, engine.summary());
      return new Story(raised, scores, kudos);
    }

    int first() {
      return scores.get(0);
    }

    int lowest() {
      return scores.stream().mapToInt(Integer::intValue).min().orElseThrow();
    }

    int finalScore() {
      return scores.get(scores.size() - 1);
    }
  }

  private static List<Path> scripts() throws IOException {
    try (Stream<Path> files = Files.list(DEMO)) {
      return files.filter(f -> f.toString().endsWith(".call")).sorted().toList();
    }
  }
}

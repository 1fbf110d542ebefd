package io.carepulse.tools.devdata;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.carepulse.coach.PromptKind;
import io.carepulse.tools.devdata.CallScript.Event;
import io.carepulse.tools.devdata.CallScript.ExpectedPrompt;
import io.carepulse.tools.devdata.CallScript.Said;
import io.carepulse.protocol.SoftphoneEvent;
import io.carepulse.protocol.Speaker;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The call-script format of src/devdata/README.md: header fields, timing at 150 words a minute, and its errors. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class CallScriptParserTest {

  /** The README's own example. */
  static final String README_EXAMPLE = """
      # id: tel-billing-caring
      # industry: telecom
      # kind: caring
      # group: tel-billing
      # customer: Dana Whitfield
      # csat: 5
      # well_handled: true
      agent: Thanks for calling Northwind Mobile, this is Sam.
      customer: Hi, yeah, I've been charged twice this month and I'm pretty annoyed.
      ! acknowledge_feelings
      +4s
      [hold]
      +60s
      agent: Thanks for holding, I can see both charges.
      [unhold]
      """;

  @Test
  void theReadmeExample_readsWithItsHeaderAndTimedLines() {
    CallScript script = CallScriptParser.parse(README_EXAMPLE, "example.call");

    assertThat(script.id()).isEqualTo("tel-billing-caring");
    assertThat(script.industry()).contains("telecom");
    assertThat(script.kind()).contains("caring");
    assertThat(script.group()).contains("tel-billing");
    assertThat(script.customer()).contains("Dana Whitfield");
    assertThat(script.csat()).contains(5);
    assertThat(script.wellHandled()).contains(true);
    assertThat(script.team()).isEmpty();

    // 9 words at 150 a minute = 3.6 s, starting 0.7 s in
    Said greeting = script.said().get(0);
    assertThat(greeting).isEqualTo(new Said(Speaker.AGENT,
        "Thanks for calling Northwind Mobile, this is Sam.", 8, 700, 700 + 8 * 400, 8));
    Said complaint = script.said().get(1);
    assertThat(complaint.startMs()).isEqualTo(greeting.endMs() + 700);
    assertThat(complaint.endMs()).isEqualTo(complaint.startMs() + 12 * 400);

    ExpectedPrompt prompt = script.expectedPrompts().get(0);
    assertThat(prompt.kind()).isEqualTo(PromptKind.ACKNOWLEDGE_FEELINGS);
    assertThat(prompt.fromMs()).isEqualTo(complaint.endMs());
    assertThat(prompt.atMs()).isEqualTo(complaint.endMs());
    assertThat(prompt.dueByMs()).isEqualTo(complaint.endMs() + 30_000);

    // +4s: four seconds more than the usual 0.7 s pass; the hold starts then, and lasts the next pause
    CallScript.Pause beforeHold = script.pauses().get(0);
    assertThat(beforeHold.atMs()).isEqualTo(complaint.endMs() + 700);
    assertThat(beforeHold.untilMs()).isEqualTo(complaint.endMs() + 4_700);
    Event hold = script.events().get(0);
    assertThat(hold.kind()).isEqualTo(SoftphoneEvent.Kind.HOLD);
    assertThat(hold.atMs()).isEqualTo(beforeHold.untilMs());
    Said thanks = script.said().get(2);
    assertThat(thanks.startMs()).isEqualTo(hold.atMs() + 60_000);
    Event unhold = script.events().get(1);
    assertThat(unhold.atMs()).isEqualTo(thanks.endMs() + 700);
    // events take no time: the call ends where the next line would start
    assertThat(script.endMs()).isEqualTo(unhold.atMs());
    assertThat(script.lines()).extracting(CallScript.Line::lineNumber)
        .containsExactly(8, 9, 10, 11, 12, 13, 14, 15);
  }

  @Test
  void aMarkAfterAPause_mayBeMetDuringIt() {
    CallScript script = CallScriptParser.parse("""
        # id: quiet
        customer: Hello?
        +20s
        ! check_in
        agent: Sorry, still here.
        """, "quiet.call");
    ExpectedPrompt checkIn = script.expectedPrompts().get(0);
    assertThat(checkIn.fromMs()).isEqualTo(script.pauses().get(0).atMs());
    assertThat(checkIn.atMs()).isEqualTo(script.pauses().get(0).untilMs());
  }

  @Test
  void twoSpacesEndAHeaderValue_theRestIsAComment() {
    CallScript script = CallScriptParser.parse("""
        # id: c2
        # kind: caring            caring | cold | hollow
        # csat: 5                 1-5: how this customer would rate the call
        agent: hi
        """, "c2.call");
    assertThat(script.kind()).contains("caring");
    assertThat(script.csat()).contains(5);
  }

  @Test
  void commentsAndBlankLinesAreSkipped_andFractionalPausesCount() {
    CallScript script = CallScriptParser.parse("""
        # id: c1
        # a free comment in the header

        customer: hello there
        # a comment in the body
        +1.5s
        agent: hi
        """, "c1.call");
    assertThat(script.said()).hasSize(2);
    assertThat(script.said().get(1).startMs()).isEqualTo(script.said().get(0).endMs() + 700 + 1_500);
  }

  @Test
  void mistakesNameTheFileAndLine() {
    assertInvalid("# id: x\nagent: hi\nsomeone: hello\n", "x.call:3: not a call line: 'someone: hello'");
    assertInvalid("# id: x\n# kind: angry\nagent: hi\n", "x.call:2: kind must be one of");
    assertInvalid("# id: x\n# csat: 7\nagent: hi\n", "x.call:2: csat must be 1, 2, 3, 4 or 5");
    assertInvalid("# id: x\n# wellhandled: true\nagent: hi\n", "x.call:2: unknown header field 'wellhandled'");
    assertInvalid("# id: x\n# industry: fishing\nagent: hi\n", "x.call:2: industry must be one of");
    assertInvalid("agent: hi\n", "x.call:1: no '# id:' header line");
    assertInvalid("# id: x\n[hold]\n", "x.call:2: the call has no 'agent:' or 'customer:' line");
    assertInvalid("# id: x\nagent: hi\n[unhold]\n", "x.call:3: [unhold] without a [hold] before it");
    assertInvalid("# id: x\nagent: hi\n[hold]\n[hold]\n", "x.call:4: [hold] while already on hold");
    assertInvalid("# id: x\nagent: hi\n! be_nice\n", "x.call:3: unknown prompt kind 'be_nice'");
    assertInvalid("# id: x\n! check_in\nagent: hi\n", "x.call:2: '! check_in' must follow a line of the call");
    assertInvalid("# id: x\nagent:\n", "x.call:2: agent says nothing");
    assertInvalid("# id: x\nagent: hi\n+0s\n", "x.call:3: a pause must be longer than 0 s");
    assertInvalid("# id: x\n# id: y\nagent: hi\n", "x.call:2: header field 'id' given twice");
  }

  /** The scripts written for care-2 (src/devdata/calls) all read, and all convert to frames the endpoint accepts. */
  @Test
  void everyCallScriptInTheRepositoryReads() throws IOException {
    List<Path> scripts;
    try (Stream<Path> files = Files.walk(Path.of("src/devdata/calls"))) {
      scripts = files.filter(f -> f.toString().endsWith(".call")).sorted().toList();
    }
    assertThat(scripts).isNotEmpty();
    for (Path file : scripts) {
      CallScript script = CallScriptParser.parse(file);
      assertThat(script.said()).as(file.toString()).isNotEmpty();
      CallScriptFramesTest.assertValidAndInOrder(CallScriptFrames.frames(script,
          CallScriptFrames.Options.defaults().withAudio(true)));
    }
  }

  private static void assertInvalid(String text, String message) {
    assertThatThrownBy(() -> CallScriptParser.parse(text, "x.call"))
        .isInstanceOf(CallScriptParser.Invalid.class)
        .hasMessageStartingWith(message);
  }
}

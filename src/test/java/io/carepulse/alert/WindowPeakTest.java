package io.carepulse.alert;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayDeque;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The window's peak answers what the sharp-drop rule's walk over every point answered, ties and growth included. */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class WindowPeakTest {

  @Test
  void agreesWithAWalkOverEveryPointOfTheWindow() {
    Random random = new Random(14);
    for (int run = 0; run < 200; run++) {
      long windowMs = 1_000 + random.nextInt(30_000);
      WindowPeak peak = new WindowPeak();
      ArrayDeque<long[]> all = new ArrayDeque<>();
      long now = 0;
      for (int step = 0; step < 2_000; step++) {
        // Small steps and a narrow score range: long windows (growth past 16 points) and many equal scores.
        now += random.nextInt(10) == 0 ? random.nextInt(3 * (int) windowMs) : random.nextInt(400);
        peak.expire(now, windowMs);
        while (!all.isEmpty() && now - all.peekFirst()[0] > windowMs) {
          all.pollFirst();
        }
        long[] walked = null;
        for (long[] entry : all) {
          if (walked == null || entry[1] > walked[1]) {
            walked = entry;
          }
        }
        assertThat(peak.isEmpty()).isEqualTo(walked == null);
        if (walked != null) {
          assertThat(peak.score()).as("run %d step %d", run, step).isEqualTo((int) walked[1]);
          assertThat(peak.time()).as("run %d step %d", run, step).isEqualTo(walked[0]);
        }
        if (random.nextInt(500) == 0) {
          peak.clear();
          all.clear();
        }
        int score = 40 + random.nextInt(12);
        peak.add(now, score);
        all.addLast(new long[] {now, score});
      }
    }
  }

  @Test
  void ofEqualPeaksTheEarliestIsKept() {
    WindowPeak peak = new WindowPeak();
    peak.add(100, 80);
    peak.add(200, 70);
    peak.add(300, 80);
    assertThat(peak.time()).isEqualTo(100);
    peak.expire(1_150, 1_000);
    assertThat(peak.score()).isEqualTo(80);
    assertThat(peak.time()).isEqualTo(300);
    peak.expire(1_301, 1_000);
    assertThat(peak.isEmpty()).isTrue();
  }
}

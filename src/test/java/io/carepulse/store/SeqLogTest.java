package io.carepulse.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** A call's log by seq behaves as a sorted map would, whatever order and repeats the seqs come in. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class SeqLogTest {

  @Test
  void inOrderSeqsAreKept_andARepeatIsRefused() {
    SeqLog<String> log = new SeqLog<>();
    for (long seq = 1; seq <= 100; seq++) {
      assertThat(log.putIfAbsent(seq, "f" + seq)).isTrue();
    }
    assertThat(log.putIfAbsent(40, "again")).as("a retried batch's frame").isFalse();
    assertThat(log.size()).isEqualTo(100);
    assertThat(log.lastSeq()).isEqualTo(100);
    assertThat(log.after(40, 3, (seq, value) -> seq + "=" + value)).containsExactly("41=f41", "42=f42", "43=f43");
    assertThat(log.after(98, 10, (seq, value) -> value)).containsExactly("f99", "f100");
    assertThat(log.after(100, 10, (seq, value) -> value)).isEmpty();
  }

  @Test
  void anyOrderOfPutsReadsAndRemovesAsASortedMap() {
    SplittableRandom random = new SplittableRandom(26);
    for (int round = 0; round < 200; round++) {
      SeqLog<Long> log = new SeqLog<>();
      TreeMap<Long, Long> model = new TreeMap<>();
      for (int op = 0; op < 300; op++) {
        long seq = random.nextInt(4) == 0 ? random.nextLong(1, 400) : model.isEmpty() ? 1 : model.lastKey() + 1;
        long value = random.nextLong();
        assertThat(log.putIfAbsent(seq, value)).isEqualTo(model.putIfAbsent(seq, value) == null);
        if (random.nextInt(50) == 0) {
          List<Long> expected = new ArrayList<>(model.values().stream().filter(v -> v % 3 == 0).toList());
          model.values().removeIf(v -> v % 3 == 0);
          assertThat(log.removeIf(v -> v % 3 == 0)).isEqualTo(expected);
        }
        long after = random.nextLong(-1, 420);
        int limit = random.nextInt(1, 50);
        assertThat(log.after(after, limit, Map::entry))
            .isEqualTo(model.tailMap(after, false).entrySet().stream().limit(limit)
                .map(e -> Map.entry(e.getKey(), e.getValue())).toList());
        assertThat(log.size()).isEqualTo(model.size());
        if (!model.isEmpty()) {
          assertThat(log.lastSeq()).isEqualTo(model.lastKey());
        }
      }
    }
  }
}

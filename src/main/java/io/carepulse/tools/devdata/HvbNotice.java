package io.carepulse.tools.devdata;

/** The NOTICE that travels with converted HVB files: source, upstream commits, and that the files were changed. */
final class HvbNotice {

  private HvbNotice() {
  }

  static String text(boolean withEmotion) {
    return """
        CarePulse sample calls: Harper Valley Bank
        ==========================================

        The replay files in this directory were converted from the Gridspace-Stanford Harper Valley Bank
        corpus (HarperValleyBank: A Domain-Specific Spoken Dialog Corpus; Wu, Nafziger, Scodary & Maas,
        2020, arXiv:2010.13929), Copyright 2020 Gridspace Inc., licensed under the Apache License 2.0
        (see LICENSE in this directory).

        Source: github.com/cricketclub/gridspace-stanford-harper-valley
          data/metadata/<sid>.json and data/transcript/<sid>.json at commit 0eaa8c597629d73ef0acdfbe94fccbce43152954
          LICENSE at commit 4b8865936fc11101e35028186fca4d463b050de9

        Changes: a 40-call selection of those files was first reduced to a calls.jsonl (fields selected and
        renamed, emotion values rounded to 4 decimals); CarePulse's `devdata convert-hvb` command then
        converted each call into CarePulse agent-protocol frames (protocol v1 replay JSONL): caller -> customer,
        segments sorted by start time, transcriber tags such as [noise] and <unk> removed, segments without
        words dropped, synthetic timestamps from a fixed base plus the segment offsets%s.
        """.formatted(withEmotion
        ? ", and each customer segment's emotion estimate turned into an `emotion` frame (valence = positive"
            + " - negative, arousal = 1 - neutral, confidence = top probability)"
        : "");
  }
}

package io.carepulse.acts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * What an act model sees of an utterance. A trained model file holds weights by feature hash, so the features of a
 * sentence are a contract: the same settings must give the same hashes, in the same order, for as long as a model
 * file trained with them ships.
 */
@Timeout(value = 10, unit = TimeUnit.SECONDS)
class FeatureSetExtractionTest {

  @Test
  void theFeaturesOfASentence_areTheOnesTrainedModelsWereFittedOn() {
    // "ok 2" is [okay, #num]: 2 unigrams, 3 bigrams (with start and end), 2 trigrams, the length, and the 7 character
    // 3- and 4-grams of "<okay>" (a number has none). Pinned when acts-2's feature settings were introduced.
    assertThat(new FeatureSet(3, 3, 4, true).extract("ok 2")).containsExactly(-1886410049, 1476911839, 802514405,
        -8215151, 1783371632, -1982823596, 785058906, -896031947, -1140682745, -1938034978, 208150912, 164317160,
        -338895551, -649314626, -356628110);
  }

  @Test
  void eachKindOfFeature_spansTheTokensItWasBuiltFrom() {
    TokenStream tokens = new TokenStream();
    Normaliser.normalise("we can fix it", tokens);
    FeatureBuffer features = new FeatureBuffer();
    new FeatureSet(3, 0, 0, true).extract(tokens, features);
    // 4 unigrams, 5 bigrams, 4 trigrams, 1 length
    assertThat(features.size).isEqualTo(14);
    assertThat(spans(features, 0, 4)).containsExactly(0, 0, 1, 1, 2, 2, 3, 3);
    assertThat(spans(features, 4, 9)).containsExactly(0, 0, 0, 1, 1, 2, 2, 3, 3, 3);
    assertThat(spans(features, 9, 13)).containsExactly(0, 1, 0, 2, 1, 3, 2, 3);
    assertThat(spans(features, 13, 14)).as("the length belongs to no token").containsExactly(-1, -1);
  }

  @Test
  void howManyFeatures_followsTheSettings() {
    String sentence = "let me fix that";
    assertThat(new FeatureSet(1, 0, 0, false).extract(sentence)).hasSize(4);
    assertThat(new FeatureSet(2, 0, 0, false).extract(sentence)).hasSize(4 + 5);
    assertThat(new FeatureSet(3, 0, 0, false).extract(sentence)).hasSize(4 + 5 + 4);
    assertThat(new FeatureSet(1, 0, 0, true).extract(sentence)).hasSize(5);
    // one word has no trigram between words, only its start and end ones
    assertThat(new FeatureSet(3, 0, 0, false).extract("sorry")).hasSize(1 + 2);
    assertThat(new FeatureSet(3, 0, 0, false).extract("so sorry")).hasSize(2 + 3 + 2);
    // "<ab>": three 2-grams and two 3-grams; grams as long as the padded word are skipped
    assertThat(new FeatureSet(1, 2, 6, false).extract("ab")).hasSize(1 + 3 + 2);
    assertThat(new FeatureSet(1, 2, 2, false).extract("ab")).hasSize(1 + 3);
    assertThat(new FeatureSet(1, 2, 6, false).extract("7 ab")).as("a number has no character grams").hasSize(2 + 5);
    assertThat(new FeatureSet(2, 0, 0, true).extract("")).isEmpty();
  }

  @Test
  void wordOrderAndPosition_areFeatures_soRightAloneIsNotRightInASentence() {
    FeatureSet words = new FeatureSet(2, 0, 0, false);
    int[] alone = words.extract("right");
    int[] inSentence = words.extract("thats right then");
    assertThat(inSentence).contains(alone[0]).doesNotContain(alone[1], alone[2]);
    int[] ab = words.extract("not good");
    int[] ba = words.extract("good not");
    assertThat(Arrays.copyOf(ab, 2)).containsExactlyInAnyOrder(Arrays.copyOf(ba, 2));
    assertThat(ab[3]).isNotEqualTo(ba[3]);
    assertThat(Arrays.stream(new FeatureSet(3, 0, 0, false).extract("not good at all")).boxed().toList())
        .doesNotContainAnyElementsOf(Arrays.stream(new FeatureSet(3, 0, 0, false).extract("at all not good"))
            .skip(4 + 5).boxed().toList());
  }

  @Test
  void aMisrecognisedWord_sharesMostOfItsCharacterGramsWithTheRightOne() {
    FeatureSet chars = new FeatureSet(1, 3, 4, false);
    int[] right = chars.extract("refund");
    int[] misheard = chars.extract("refunt");
    long shared = Arrays.stream(misheard).filter(f -> Arrays.stream(right).anyMatch(g -> g == f)).count();
    // "<refund>": six 3-grams and five 4-grams; the last letter touches two 3-grams and two 4-grams
    assertThat(right).hasSize(1 + 6 + 5);
    assertThat(shared).isEqualTo(4 + 3);
  }

  @Test
  void theLengthFeature_bucketsWordCounts() {
    assertThat(lengthFeature(1)).isNotEqualTo(lengthFeature(2));
    assertThat(lengthFeature(2)).isNotEqualTo(lengthFeature(3));
    assertThat(lengthFeature(3)).isNotEqualTo(lengthFeature(4));
    assertThat(lengthFeature(4)).isEqualTo(lengthFeature(6));
    assertThat(lengthFeature(6)).isNotEqualTo(lengthFeature(7));
    assertThat(lengthFeature(7)).isEqualTo(lengthFeature(12));
    assertThat(lengthFeature(12)).isNotEqualTo(lengthFeature(13));
    assertThat(lengthFeature(13)).isEqualTo(lengthFeature(40));
  }

  @Test
  void settingsAreChecked_andRoundTripThroughTheModelFileLine() {
    assertThatThrownBy(() -> new FeatureSet(0, 0, 0, true)).hasMessageContaining("1..3: 0");
    assertThatThrownBy(() -> new FeatureSet(4, 0, 0, true)).hasMessageContaining("1..3: 4");
    assertThatThrownBy(() -> new FeatureSet(1, 1, 3, true)).hasMessageContaining("2..6: 1-3");
    assertThatThrownBy(() -> new FeatureSet(1, 4, 3, true)).hasMessageContaining("2..6: 4-3");
    assertThatThrownBy(() -> new FeatureSet(1, 2, 7, true)).hasMessageContaining("2..6: 2-7");
    assertThat(new FeatureSet(1, 2, 6, false).charMax()).isEqualTo(6);
    assertThat(new FeatureSet(3, 6, 6, false).charMin()).isEqualTo(6);
    assertThat(new FeatureSet(1, 0, 99, false).charMin()).as("0 = no character grams, whatever the maximum").isZero();

    for (FeatureSet settings : new FeatureSet[] {FeatureSet.WORDS, new FeatureSet(3, 3, 5, false),
        new FeatureSet(1, 0, 0, false)}) {
      assertThat(FeatureSet.parse(settings.describe())).isEqualTo(settings);
    }
    assertThat(FeatureSet.WORDS.describe()).isEqualTo("words=2 chars=0 length=true");
    assertThat(new FeatureSet(3, 3, 5, false).describe()).isEqualTo("words=3 chars=3-5 length=false");
    assertThat(FeatureSet.parse("  chars=4  ")).isEqualTo(new FeatureSet(2, 4, 4, false));
    assertThatThrownBy(() -> FeatureSet.parse("words")).hasMessageContaining("not key=value: words");
    assertThatThrownBy(() -> FeatureSet.parse("words=2 colour=blue")).hasMessageContaining("unknown feature setting: colour");
  }

  private static int lengthFeature(int words) {
    StringBuilder text = new StringBuilder();
    for (int i = 0; i < words; i++) {
      // distinct words: a repeated one would be read as a false start and said once
      text.append('x').append((char) ('a' + i / 26)).append((char) ('a' + i % 26)).append(' ');
    }
    int[] features = new FeatureSet(1, 0, 0, true).extract(text.toString());
    assertThat(features).hasSize(words + 1);
    return features[features.length - 1];
  }

  private static int[] spans(FeatureBuffer features, int from, int to) {
    int[] spans = new int[2 * (to - from)];
    for (int i = from; i < to; i++) {
      spans[2 * (i - from)] = features.first[i];
      spans[2 * (i - from) + 1] = features.last[i];
    }
    return spans;
  }
}

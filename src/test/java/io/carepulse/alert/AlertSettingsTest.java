package io.carepulse.alert;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A team playbook's alert thresholds are checked when they are built: each setting is accepted up to its limits and
 * refused one step past them, with a message naming the setting and its range (the playbook API shows it).
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class AlertSettingsTest {

  /** Each setting, its lowest and highest allowed value (null: no upper limit), and the message past them. */
  static Stream<Arguments> limits() {
    return Stream.of(
        Arguments.of("lowScore", 1L, 100L, "lowScore must be 1..100"),
        Arguments.of("lowScoreForMs", 0L, null, "lowScoreForMs must not be negative"),
        Arguments.of("clearMargin", 0L, 50L, "clearMargin must be 0..50"),
        Arguments.of("sharpDropPoints", 1L, 100L, "sharpDropPoints must be 1..100"),
        Arguments.of("sharpDropWindowMs", 1_000L, null, "sharpDropWindowMs must be at least 1000"),
        Arguments.of("customerQuietMs", 1_000L, null, "customerQuietMs must be at least 1000"),
        Arguments.of("longHoldMs", 1_000L, null, "longHoldMs must be at least 1000"),
        Arguments.of("promptsIgnored", 1L, null, "promptsIgnored must be at least 1"),
        Arguments.of("promptsIgnoredWindowMs", 1_000L, null, "promptsIgnoredWindowMs must be at least 1000"),
        Arguments.of("typicalCallMs", 10_000L, null, "typicalCallMs must be at least 10000"),
        Arguments.of("topBandScore", 1L, 100L, "topBandScore must be 1..100"),
        Arguments.of("recoveryPoints", 1L, 100L, "recoveryPoints must be 1..100"),
        Arguments.of("kudosMinTurns", 0L, null, "kudosMinTurns must not be negative"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("limits")
  void eachSettingIsAcceptedUpToItsLimits_andRefusedOnePast(String setting, Long lowest, Long highest,
                                                           String message) {
    assertThatCode(() -> defaultsWith(setting, lowest)).doesNotThrowAnyException();
    assertThatThrownBy(() -> defaultsWith(setting, lowest - 1))
        .isInstanceOf(IllegalArgumentException.class).hasMessage(message);
    if (highest != null) {
      assertThatCode(() -> defaultsWith(setting, highest)).doesNotThrowAnyException();
      assertThatThrownBy(() -> defaultsWith(setting, highest + 1))
          .isInstanceOf(IllegalArgumentException.class).hasMessage(message);
    }
  }

  @Test
  void aPlaybookReplacesItsSixThresholds_andKeepsTheModelsOtherSettings() {
    AlertSettings base = AlertSettings.defaults();
    AlertSettings team = base.withThresholds(40, 10_000, 20, 45_000, 90_000, 3);
    assertThat(team).isEqualTo(new AlertSettings(40, 10_000, base.clearMargin(), 20, 45_000, base.customerQuietMs(),
        90_000, 3, base.promptsIgnoredWindowMs(), base.typicalCallMs(), base.topBandScore(), base.recoveryPoints(),
        base.kudosMinTurns()));
    assertThatThrownBy(() -> base.withThresholds(0, 10_000, 20, 45_000, 90_000, 3))
        .hasMessage("lowScore must be 1..100");
  }

  @Test
  void eachModelGetsTheThresholdsOfItsOwnScale() {
    assertThat(AlertSettings.forModel("care-1")).isEqualTo(AlertSettings.care1());
    assertThat(AlertSettings.forModel("care-2")).isEqualTo(AlertSettings.defaults());
    assertThat(AlertSettings.forModel("my-fitted-care-2")).isEqualTo(AlertSettings.defaults());
    assertThat(AlertSettings.care1().lowScore()).isEqualTo(45);
    assertThat(AlertSettings.defaults().lowScore()).isEqualTo(35);
    assertThat(TeamAlertSettings.defaults().forTeam("team-a")).isEqualTo(AlertSettings.defaults());
    assertThat(TeamAlertSettings.everyone(AlertSettings.care1()).forTeam(null)).isEqualTo(AlertSettings.care1());
  }

  /** The default settings with one of them (named as the record component) set to {@code value}. */
  private static AlertSettings defaultsWith(String setting, long value) throws ReflectiveOperationException {
    RecordComponent[] components = AlertSettings.class.getRecordComponents();
    AlertSettings base = AlertSettings.defaults();
    Object[] values = new Object[components.length];
    boolean found = false;
    for (int i = 0; i < components.length; i++) {
      RecordComponent component = components[i];
      if (component.getName().equals(setting)) {
        values[i] = component.getType() == int.class ? (Object) Math.toIntExact(value) : (Object) value;
        found = true;
      } else {
        values[i] = component.getAccessor().invoke(base);
      }
    }
    assertThat(found).as("setting %s", setting).isTrue();
    Constructor<AlertSettings> canonical = AlertSettings.class.getDeclaredConstructor(
        Arrays.stream(components).map(RecordComponent::getType).toArray(Class<?>[]::new));
    try {
      return canonical.newInstance(values);
    } catch (InvocationTargetException e) {
      throw (RuntimeException) e.getCause();
    }
  }
}

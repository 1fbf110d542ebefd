package io.carepulse.api;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.TemporalAdjusters;
import java.util.Locale;

/** The periods of a report's time series: calendar weeks from Monday or calendar months, in UTC. */
enum ReportBucket {
  WEEK, MONTH;

  static ReportBucket fromWire(String value) {
    return value == null ? null : valueOf(value.toUpperCase(Locale.ROOT));
  }

  String wire() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** The start of the period that holds {@code at}. */
  Instant start(Instant at) {
    LocalDate day = at.atZone(ZoneOffset.UTC).toLocalDate();
    LocalDate first = this == WEEK ? day.with(TemporalAdjusters.previousOrSame(java.time.DayOfWeek.MONDAY))
        : day.withDayOfMonth(1);
    return first.atStartOfDay(ZoneOffset.UTC).toInstant();
  }

  /** The start of the period after the one that starts at {@code start}. */
  Instant next(Instant start) {
    LocalDate day = start.atZone(ZoneOffset.UTC).toLocalDate();
    return (this == WEEK ? day.plusWeeks(1) : day.plusMonths(1)).atStartOfDay(ZoneOffset.UTC).toInstant();
  }
}

package io.carepulse.store;

import java.util.List;

/** One page of a listing; {@code next} is where the following page starts, null on the last page. */
public record Page<T, C>(List<T> items, C next) {

  public Page {
    items = List.copyOf(items);
  }
}

package io.carepulse.protocol;

import java.util.Map;

/** A call begins; its seq must be 1. */
public record CallStart(String callId, long seq, long ts, Customer customer, String teamId, String locale,
                        Map<String, Object> metadata) implements CallFrame {

  public static final String DEFAULT_LOCALE = "en-US";

  public CallStart {
    customer = customer == null ? Customer.UNKNOWN : customer;
    locale = locale == null ? DEFAULT_LOCALE : locale;
    metadata = metadata == null ? Map.of() : Map.copyOf(metadata);
  }

  @Override
  public String type() {
    return "call.start";
  }

  public record Customer(String id, String name) {
    public static final Customer UNKNOWN = new Customer(null, null);
  }
}

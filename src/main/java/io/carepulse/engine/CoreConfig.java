package io.carepulse.engine;

/**
 * Everything the core needs to score and coach a call. Built once at start-up (or per team playbook) and shared
 * read-only by every call.
 */
public record CoreConfig(String modelId) {

  public static CoreConfig defaults() {
    return new CoreConfig("care-stub");
  }
}

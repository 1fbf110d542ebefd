package io.carepulse.store;

/**
 * The store refused a journal batch because of what it holds (PostgreSQL: a data error such as SQLSTATE 22021 for
 * U+0000 in text, or any other error that is not about the connection or the server's state). Retrying the same batch
 * fails the same way, so the journal splits it to find the entry at fault; other failures are outages and are retried.
 */
public final class BatchRefused extends RuntimeException {

  private final String code;

  public BatchRefused(String code, String message, Throwable cause) {
    super(message, cause);
    this.code = code;
  }

  /** The store's error code (PostgreSQL's SQLSTATE). */
  public String code() {
    return code;
  }
}

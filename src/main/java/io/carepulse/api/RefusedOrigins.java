package io.carepulse.api;

import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.RoutingContext;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * REST requests from a browser origin off CAREPULSE_ALLOWED_ORIGINS: a client's mistake (or a page that should not call
 * us), so a 403 problem, and a warning once per origin per {@link #QUIET_MILLIS} so that an operator sees the origin
 * to add without a page of the web flooding the log; the repeats go to debug.
 */
final class RefusedOrigins {

  private static final Logger LOG = LoggerFactory.getLogger(RefusedOrigins.class);
  static final long QUIET_MILLIS = 10 * 60 * 1000;
  /** Origins remembered for the quiet period; past it the memory starts over (a flood of origins logs again). */
  static final int ORIGINS_REMEMBERED = 1_000;
  private static final Map<String, Long> lastWarned = new ConcurrentHashMap<>();

  private RefusedOrigins() {
  }

  static Problem refused(RoutingContext ctx) {
    String sent = String.valueOf(ctx.request().getHeader(HttpHeaders.ORIGIN));
    // Whatever a client sends, only a line's worth of it goes to the log and back.
    String origin = sent.length() <= 200 ? sent : sent.substring(0, 200) + "…";
    warnOnce(origin, ctx.request().path(), System.currentTimeMillis());
    return Problem.forbidden("origin " + origin + " is not allowed to call this API from a browser"
        + " (CAREPULSE_ALLOWED_ORIGINS)");
  }

  /** Whether this refusal was logged as a warning (the first for its origin in the quiet period). */
  static boolean warnOnce(String origin, String path, long nowMillis) {
    if (lastWarned.size() >= ORIGINS_REMEMBERED) {
      lastWarned.clear();
    }
    Long before = lastWarned.get(origin);
    boolean warn = (before == null || nowMillis - before >= QUIET_MILLIS)
        && (before == null ? lastWarned.putIfAbsent(origin, nowMillis) == null
            : lastWarned.replace(origin, before, nowMillis));
    if (warn) {
      LOG.atWarn().addKeyValue("origin", origin).addKeyValue("path", path)
          .log("refused a browser origin that is not in CAREPULSE_ALLOWED_ORIGINS (logged once per origin per 10 min)");
    } else {
      LOG.atDebug().addKeyValue("origin", origin).addKeyValue("path", path).log("refused a browser origin");
    }
    return warn;
  }
}

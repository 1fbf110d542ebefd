package io.carepulse.auth;

import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Which web origins may use the service from a browser: both socket upgrades (an unlisted {@code Origin} gets 403)
 * and CORS on the REST API ask this one policy. An empty list allows any origin. A request without an {@code Origin}
 * header is not from a browser page (SDKs, servers, curl send none) and is always allowed: the origin check protects
 * users' browsers from other sites, it does not authenticate anyone — tokens do.
 */
public final class OriginPolicy {

  public static final OriginPolicy ANY = new OriginPolicy(List.of());

  private final List<String> allowed;
  private final Set<String> lookup;

  private OriginPolicy(List<String> allowed) {
    this.allowed = List.copyOf(allowed);
    this.lookup = Set.copyOf(this.allowed.stream().map(o -> o.toLowerCase(Locale.ROOT)).toList());
  }

  /** {@code allowed}: origins as {@code scheme://host[:port]}; empty allows any. */
  public static OriginPolicy of(List<String> allowed) {
    return allowed.isEmpty() ? ANY : new OriginPolicy(allowed);
  }

  /** {@code origin}: the request's {@code Origin} header, null when it has none. */
  public boolean allows(String origin) {
    return origin == null || lookup.isEmpty() || lookup.contains(origin.toLowerCase(Locale.ROOT));
  }

  public boolean allowsAny() {
    return lookup.isEmpty();
  }

  public List<String> allowed() {
    return allowed;
  }
}

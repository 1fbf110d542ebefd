package io.carepulse.webhook;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;

/**
 * Where webhooks may be delivered. By default only to public addresses: a webhook is a request the service makes on
 * an integrator's behalf, and one aimed at loopback, link-local (cloud metadata at 169.254.169.254), private or
 * carrier-grade NAT ranges would reach what sits beside the service (SSRF). {@code allowPrivate} lifts that for
 * receivers on an internal network (and for tests with a loopback receiver). Every address a host name resolves to
 * must be public, checked when the hook is created and again before each delivery (a name may be re-pointed).
 */
public final class WebhookTargets {

  private final boolean allowPrivate;

  public WebhookTargets(boolean allowPrivate) {
    this.allowPrivate = allowPrivate;
  }

  /** Succeeds when {@code url} may receive deliveries; fails with a {@link Refused} saying why not. */
  public Future<Void> check(Vertx vertx, String url) {
    String host;
    try {
      host = URI.create(url).getHost();
    } catch (IllegalArgumentException e) {
      return Future.failedFuture(new Refused("url is not a URL"));
    }
    if (host == null) {
      return Future.failedFuture(new Refused("url has no host"));
    }
    if (allowPrivate) {
      return Future.succeededFuture();
    }
    String name = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
    // Name resolution blocks: off the event loop.
    return vertx.<InetAddress[]>executeBlocking(() -> InetAddress.getAllByName(name), false)
        .recover(e -> Future.failedFuture(e instanceof UnknownHostException
            ? new Refused("host " + host + " does not resolve") : e))
        .compose(addresses -> {
          for (InetAddress address : addresses) {
            if (!isPublic(address)) {
              return Future.failedFuture(new Refused("host " + host + " resolves to " + address.getHostAddress()
                  + ", a loopback, link-local or private address; webhooks go to public addresses unless "
                  + "CAREPULSE_WEBHOOK_ALLOW_PRIVATE=true"));
            }
          }
          return Future.succeededFuture();
        });
  }

  static boolean isPublic(InetAddress address) {
    if (address.isLoopbackAddress() || address.isLinkLocalAddress() || address.isSiteLocalAddress()
        || address.isAnyLocalAddress() || address.isMulticastAddress()) {
      return false;
    }
    byte[] b = address.getAddress();
    if (address instanceof Inet4Address) {
      int first = b[0] & 0xff;
      int second = b[1] & 0xff;
      // 0/8 "this network", 100.64/10 carrier-grade NAT, 198.18/15 benchmarking, 240/4 reserved and broadcast.
      return first != 0 && !(first == 100 && second >= 64 && second < 128) && !(first == 198 && (second & 0xfe) == 18)
          && first < 240;
    }
    if (address instanceof Inet6Address) {
      // fc00::/7 unique local addresses (the IPv6 private ranges).
      return (b[0] & 0xfe) != 0xfc;
    }
    return true;
  }

  /** A target webhooks may not be delivered to; the message is meant for the integrator. */
  public static final class Refused extends RuntimeException {
    public Refused(String message) {
      super(message, null, false, false);
    }
  }
}

package io.carepulse.tools.bench;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/** Two generator runs, one per clustered node, read as one row (suite row d3). */
final class ClusterLoad {

  private ClusterLoad() {
  }

  /**
   * Rates, errors, CPU and memory add up; the latencies are the worse node's (the one with the higher ack p99). Each
   * run counts the other node and its generator among "others": they are taken out.
   */
  static JsonObject combine(JsonObject first, JsonObject second, int calls) {
    JsonObject worse = first.getJsonObject("ack").getDouble("p99") >= second.getJsonObject("ack").getDouble("p99")
        ? first : second;
    JsonObject both = worse.copy();
    both.put("calls", calls);
    for (String sum : new String[] {"sentPerSec", "receivedPerSec", "serverCpuCores", "serverRssMb",
        "generatorCpuCores", "clientCpuCores"}) {
      both.put(sum, first.getDouble(sum, 0.0) + second.getDouble(sum, 0.0));
    }
    for (String sum : new String[] {"errors", "unanswered", "notSent"}) {
      both.put(sum, first.getLong(sum, 0L) + second.getLong(sum, 0L));
    }
    double others = first.getDouble("otherCpuCores", 0.0) - second.getDouble("serverCpuCores", 0.0)
        - second.getDouble("generatorCpuCores", second.getDouble("clientCpuCores", 0.0));
    both.put("otherCpuCores", Math.max(0.0, others));
    both.put("nodes", new JsonArray().add(first).add(second));
    return both;
  }
}

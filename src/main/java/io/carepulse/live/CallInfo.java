package io.carepulse.live;

import io.carepulse.protocol.CallStart;

/** Who a live call belongs to and how it began; fixed for the life of the call. */
public record CallInfo(String callId, String agentId, String teamId, CallStart start) {
}

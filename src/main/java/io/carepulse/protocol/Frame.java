package io.carepulse.protocol;

/** A client-to-server frame of protocol v1 (docs/protocol.md), already validated against its schema. */
public sealed interface Frame permits Hello, CallFrame {
}

package io.carepulse.protocol;

/** A client-to-server frame of PROTOCOL-v1, already validated against its schema. */
public sealed interface Frame permits Hello, CallFrame {
}

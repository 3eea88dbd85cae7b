package io.troupe.persistence;

/**
 * Marker for what Pekko serializes: persisted events and snapshots of the
 * event-sourced behaviors, and messages that cross nodes. application.conf
 * binds it to Jackson CBOR ({@code pekko.actor.serialization-bindings}), so
 * nothing is ever written with Java serialization. Plain Java: any floor may
 * implement it.
 */
public interface CborSerializable {}

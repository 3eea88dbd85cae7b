/**
 * Durability. {@code rdb/} is Redis's RDB file (rdb.c); the AOF (aof.c) joins
 * it. The state machines that Pekko Persistence keeps (the node's identity;
 * later the cluster's nodes.conf and the sentinel's state) persist events that
 * implement {@link io.troupe.persistence.CborSerializable}, the one marker
 * bound to Jackson CBOR in application.conf.
 *
 * <p>Invariants: rdb/ is plain Java (no Pekko); events, once released, are
 * never renamed or renumbered (their class names are the CBOR manifests).
 */
package io.troupe.persistence;

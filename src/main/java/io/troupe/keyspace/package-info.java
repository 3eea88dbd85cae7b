/**
 * The keyspace of one shard and the type-agnostic key commands (Redis's db.c,
 * expire.c, evict.c and the matching in util.c).
 *
 * <ul>
 *   <li>{@link io.troupe.keyspace.Keyspace} → {@link io.troupe.keyspace.Database} (one per
 *       SELECT index) → a lazily created {@link io.troupe.keyspace.SlotTable} per hash slot,
 *       plus an array of the keys that carry a TTL, which the
 *       {@link io.troupe.keyspace.ActiveExpire} cycle samples.
 *   <li>Invariants: a key lives in the table of its own slot; an entry is in its database's
 *       volatile array exactly when it has an expiry; only the owning shard (or the
 *       coordinator holding it) touches a keyspace.
 *   <li>Values: strings are {@code byte[]}, every other type implements
 *       {@link io.troupe.keyspace.TypedValue}; {@link io.troupe.keyspace.Values} gives TYPE's
 *       name and COPY's deep copy for any of them.
 *   <li>Handlers see the keyspace only through {@link io.troupe.keyspace.ExecContext}, which
 *       applies lazy expiry on lookup, keeps each key's LRU/LFU clock
 *       ({@link io.troupe.keyspace.Lfu}) and, after a command that wrote, measures the values
 *       it touched again.
 *   <li>maxmemory: every {@link io.troupe.keyspace.Database} keeps an estimate of the heap
 *       bytes it holds ({@link io.troupe.keyspace.MemoryUsage}; each entry caches its value's
 *       size); the node's used memory is their sum plus a baseline. Each shard's
 *       {@link io.troupe.keyspace.Evictor} frees its own keys by the policy (a sampled pool of
 *       16 candidates) when the node is over the limit.
 *   <li>Snapshots (BGSAVE without fork): {@link io.troupe.keyspace.Keyspace#beginSnapshot}
 *       marks the point; {@code KeyspaceSnapshot} then walks the slots in bounded steps, and
 *       every change to a slot it has not written yet writes that slot first:
 *       {@link io.troupe.keyspace.Database} does so before each insert, removal, expiry
 *       change and clear (FLUSHDB/FLUSHALL hand the old tables to the snapshot), and
 *       {@link io.troupe.keyspace.ExecContext} before a lookup for writing (values changed in
 *       place). Any new code that changes an entry must go through one of those (or call
 *       {@code Database.willChange(slot)} / {@code ExecContext.willChange(key)} first). When no
 *       snapshot runs this costs one null check. {@link io.troupe.keyspace.PersistenceState}
 *       is the node's saving and loading state.
 * </ul>
 *
 * This package imports neither Pekko nor the network.
 */
package io.troupe.keyspace;

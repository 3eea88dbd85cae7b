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
 * </ul>
 *
 * This package imports neither Pekko nor the network.
 */
package io.troupe.keyspace;

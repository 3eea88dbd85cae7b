/**
 * Sorted sets: Redis's t_zset.c. {@link io.troupe.type.zset.ZSetType} is the
 * data structure (listpack-like packed arrays while small, then a skip list
 * with span counts plus a member hash chained through the nodes), ordered by
 * score and then member bytes (unsigned); {@link io.troupe.type.zset.ZSetCommands}
 * holds one handler per command. Score parsing follows C's strtod as Redis
 * uses it ({@link io.troupe.type.zset.Scores}); range specs are
 * {@link io.troupe.type.zset.Ranges}. Plain sets reach the ZUNION/ZINTER/ZDIFF
 * family through the {@link io.troupe.type.zset.ZSetInputs} hook, so this
 * package does not depend on the set type.
 *
 * <p>Invariants: a stored sorted set is never empty (handlers delete the key
 * when its last member goes); scores are never NaN; the listpack encoding
 * holds at most {@code zset-max-listpack-entries} members of at most
 * {@code zset-max-listpack-value} bytes, and only the STORE commands build a
 * listpack from a skiplist.
 */
package io.troupe.type.zset;

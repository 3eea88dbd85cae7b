/**
 * The list type and its commands (Redis's t_list.c over quicklist.c and
 * listpack.c).
 *
 * <p>{@link io.troupe.type.list.ListType} is a quicklist: a doubly linked
 * chain of nodes, each a byte array of packed entries
 * ({@link io.troupe.type.list.Packed}, a listpack-like format with
 * back-lengths and integer encoding), so memory per element is a few bytes of
 * overhead and pushes/pops at either end are amortized O(1). Node fullness
 * follows {@code list-max-listpack-size} as in Redis 7.0, read when the list
 * is created; Redis 7.0 reports every list's encoding as {@code quicklist}.
 *
 * <p>{@link io.troupe.type.list.ListCommands} holds one handler per command.
 * Invariants: a stored list is never empty (a command that empties one
 * deletes the key); a command that fails changes nothing; the blocking
 * commands try their immediate action and otherwise block through
 * {@link io.troupe.keyspace.ExecContext#block}.
 */
package io.troupe.type.list;

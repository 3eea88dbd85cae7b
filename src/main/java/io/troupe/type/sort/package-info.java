/**
 * SORT and SORT_RO (Redis's sort.c).
 *
 * <p>SORT knows the types it sorts only through
 * {@link io.troupe.type.sort.SortSource} (lists, sets and sorted sets
 * implement it: kind, size, elements in native order) and the hashes its
 * {@code ->field} patterns read through {@link io.troupe.type.sort.SortHash}.
 * STORE writes a list made by the factory the server passes to
 * {@link io.troupe.type.sort.SortCommands#bind(io.troupe.keyspace.CommandBinder,
 * java.util.function.Function)}. {@link io.troupe.type.sort.SortType} holds the
 * plain rules: strtod weights, pattern substitution, comparison. An invocation
 * with a BY or GET pattern containing '*' runs with every shard held, since
 * the keys it reads are named by the data.
 */
package io.troupe.type.sort;

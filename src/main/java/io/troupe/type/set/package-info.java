/**
 * The set type and its commands (Redis's t_set.c and intset.c).
 *
 * <p>{@link io.troupe.type.set.SetType} follows Redis 7.0's two set encodings:
 * "intset" (a sorted array of integers at the narrowest of 16, 32 or 64 bits)
 * while every member is an integer and there are at most
 * {@code set-max-intset-entries} of them, then "hashtable" (a
 * {@link io.troupe.type.BytesTable}). Redis 7.0 has no listpack encoding for
 * sets (7.2 added it), so neither does Troupe. Results of SINTERSTORE,
 * SUNIONSTORE, SDIFFSTORE, SUNION and SDIFF are built as Redis builds them,
 * starting from an intset, so all-integer results come out in ascending order
 * as in Redis. Multi-key commands run on the coordinator when their keys live
 * on several shards; the handlers do not know the difference.
 */
package io.troupe.type.set;

/**
 * The string type and its commands (Redis's t_string.c and bitops.c).
 *
 * <p>A string value is a {@code byte[]} stored as the entry's value. Stored
 * arrays are never mutated: a reply may still hold one after the shard has
 * moved on, so every write (APPEND, SETRANGE, SETBIT, BITFIELD, INCR...)
 * stores a new array, keeping the key's TTL where Redis keeps it.
 * {@link io.troupe.type.string.StringType} holds Redis's number rules
 * (string2ll), {@link io.troupe.type.string.LongDouble} INCRBYFLOAT's x87
 * long double arithmetic, {@link io.troupe.type.string.BitOps} and
 * {@link io.troupe.type.string.BitField} the bit-level helpers, and
 * {@link io.troupe.type.string.Lcs} the LCS table. Handlers parse and
 * validate every argument before they change anything.
 */
package io.troupe.type.string;

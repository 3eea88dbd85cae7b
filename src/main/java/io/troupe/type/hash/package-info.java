/**
 * The hash type and its commands (Redis's t_hash.c).
 *
 * <p>{@link io.troupe.type.hash.HashType} keeps a hash packed (Redis's
 * "listpack": one byte array of length-prefixed fields and values, insertion
 * order) while it has at most {@code hash-max-listpack-entries} fields and no
 * field or value longer than {@code hash-max-listpack-value} bytes, and as a
 * {@link io.troupe.type.BytesTable} ("hashtable") after that; the conversion
 * is one-way and reads the thresholds from the config at the moment it
 * happens. Stored arrays are never mutated (replies may hold them): a new
 * value replaces the old array. An emptied hash is deleted; handlers validate
 * every argument before they change anything, so a failed command leaves the
 * key as it was. {@link io.troupe.type.hash.HashCommands} has one handler per
 * command.
 */
package io.troupe.type.hash;

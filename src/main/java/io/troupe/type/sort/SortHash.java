package io.troupe.type.sort;

/**
 * What SORT's {@code BY}/{@code GET} patterns of the form {@code key*->field}
 * need of a hash value: the hash value class implements this. A pattern
 * naming a key of any other type reads as missing.
 */
public interface SortHash {
  /** The value of {@code field}, or null when the hash has no such field. */
  byte[] sortField(byte[] field);
}

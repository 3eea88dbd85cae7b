package io.troupe.keyspace;

/**
 * A value of a type other than string (list, hash, set, zset, stream...).
 * Strings are plain {@code byte[]}; every other type's value class implements
 * this, which is all the generic key commands need to know about it: the name
 * TYPE and SCAN TYPE report, and a deep copy for COPY.
 */
public interface TypedValue {
  /** The name TYPE answers: "list", "set", "zset", "hash", "stream". */
  String typeName();

  /** An independent copy (COPY): later writes to either must not show in the other. */
  TypedValue deepCopy();
}

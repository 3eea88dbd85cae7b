package io.troupe.keyspace;

/**
 * A value of a type other than string (list, hash, set, zset, stream...).
 * Strings are plain {@code byte[]}; every other type's value class implements
 * this, which is all the generic key commands need to know about it: the name
 * TYPE and SCAN TYPE report, a deep copy for COPY and the encoding OBJECT
 * ENCODING reports.
 */
public interface TypedValue {
  /** The name TYPE answers: "list", "set", "zset", "hash", "stream". */
  String typeName();

  /** An independent copy (COPY): later writes to either must not show in the other. */
  TypedValue deepCopy();

  /**
   * The name OBJECT ENCODING answers for the value's current representation,
   * as Redis names it: "listpack", "quicklist", "intset", "hashtable",
   * "skiplist", "stream".
   */
  String encoding();
}

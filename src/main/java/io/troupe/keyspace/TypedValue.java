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

  /**
   * The estimated heap bytes of the value (Redis's objectComputeSize, for
   * maxmemory and INFO used_memory), see {@link MemoryUsage}. It is asked
   * after every command that changed the value, so it must stay cheap on a
   * large value: an implementation may measure a bounded sample of its
   * elements and scale up. The default counts one small object, for values
   * that hold next to nothing; every data type's class gives its own figure.
   */
  default long memoryUsage() {
    return MemoryUsage.object(16);
  }
}

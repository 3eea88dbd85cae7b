package io.troupe.type.sort;

/**
 * What SORT needs of a value it sorts: the list, set and sorted set value
 * classes implement this (besides {@link io.troupe.keyspace.TypedValue}).
 * Any other value answers WRONGTYPE.
 */
public interface SortSource {
  /** Which kind of collection this is; it decides SORT's ordering rules. */
  enum Kind {
    /** Native order is kept by BY nosort (and reversed by DESC). */
    LIST,
    /** No native order: BY nosort with STORE sorts alphabetically, as Redis does. */
    SET,
    /** Native order (by score, then member) is kept by BY nosort (and reversed by DESC). */
    ZSET
  }

  Kind sortKind();

  /** The number of elements (named apart from the types' own size(), whose widths differ). */
  int sortSize();

  /**
   * Every element once, in native order: a list head to tail, a set in its
   * iteration order, a sorted set by ascending rank. SORT copies them out
   * before it looks up any other key.
   */
  Iterable<byte[]> elements();
}

package io.troupe.admin;

import io.troupe.type.hash.HashType;
import io.troupe.type.sort.SortSource;

/**
 * MEMORY USAGE's estimate of what a key costs Troupe on the JVM heap (64-bit,
 * compressed references): the table entry, the key's bytes and the value.
 * Strings are exact to the byte array; collections are the element count
 * times the average size of up to {@code samples} elements (all when 0), plus
 * a per-element overhead that depends on the encoding (packed encodings store
 * elements in shared byte arrays; hash tables and skip lists add nodes and
 * references). An estimate, as Redis's is.
 */
final class MemoryUsage {
  private MemoryUsage() {}

  /** Entry object (header, key, value, expiry, lru, next) plus its slot-table reference. */
  static final long ENTRY = 48;
  static final long ARRAY_HEADER = 16;

  static long bytes(long length) {
    return ARRAY_HEADER + ((length + 7) & ~7L);
  }

  /** The estimated bytes of key {@code key} holding {@code value}. */
  static long of(byte[] key, Object value, long samples) {
    return ENTRY + bytes(key.length) + valueBytes(value, samples);
  }

  static long valueBytes(Object value, long samples) {
    if (value instanceof byte[] s) {
      return bytes(s.length);
    }
    if (value instanceof HashType h) {
      long[] seen = new long[2];
      long limit = samples == 0 ? Long.MAX_VALUE : samples;
      h.forEach((f, v) -> {
        if (seen[0] < limit) {
          seen[0]++;
          seen[1] += f.length + v.length;
        }
      });
      boolean packed = h.encoding().equals("listpack");
      long perElement = packed ? 4 : 64; // listpack length headers vs table slot + arrays
      return 64 + scaled(h.size(), seen[0], seen[1]) + h.size() * perElement;
    }
    if (value instanceof SortSource c) {
      long count = 0;
      long sum = 0;
      long limit = samples == 0 ? Long.MAX_VALUE : samples;
      for (byte[] e : c.elements()) {
        if (count >= limit) {
          break;
        }
        count++;
        sum += e.length;
      }
      String enc = ((io.troupe.keyspace.TypedValue) value).encoding();
      long perElement = switch (enc) {
        case "listpack", "quicklist" -> 3;
        case "intset" -> 0;
        case "skiplist" -> 80; // node, levels, score and the member's array
        default -> 40; // hashtable set: slot, array header and padding
      };
      long size = c.sortSize();
      long data = enc.equals("intset") ? size * 8 : scaled(size, count, sum);
      return 64 + data + size * perElement;
    }
    return 64;
  }

  private static long scaled(long size, long sampled, long sampledBytes) {
    return sampled == 0 ? 0 : (long) ((double) sampledBytes / sampled * size);
  }
}

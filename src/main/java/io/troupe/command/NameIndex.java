package io.troupe.command;

import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * Command names to specs, looked up straight from the bytes a client sent,
 * in any case, without making a String (Redis's lookupCommand does the same
 * on its sds with a case-insensitive dict). An open-addressing table, built
 * once and read by every connection; names are lower-case ASCII.
 */
final class NameIndex {
  private final byte[][] names;
  private final CommandSpec[] specs;
  private final int mask;

  NameIndex(Map<String, CommandSpec> byName) {
    int cap = Integer.highestOneBit(Math.max(4, byName.size() * 4) - 1) << 1;
    names = new byte[cap][];
    specs = new CommandSpec[cap];
    mask = cap - 1;
    for (Map.Entry<String, CommandSpec> e : byName.entrySet()) {
      byte[] name = e.getKey().getBytes(StandardCharsets.ISO_8859_1);
      int i = hash(name) & mask;
      while (names[i] != null) {
        i = (i + 1) & mask;
      }
      names[i] = name;
      specs[i] = e.getValue();
    }
  }

  /** The spec named {@code name} in any case, or null. */
  CommandSpec get(byte[] name) {
    for (int i = hash(name) & mask; names[i] != null; i = (i + 1) & mask) {
      if (equalsLowered(names[i], name)) {
        return specs[i];
      }
    }
    return null;
  }

  private static byte lower(byte b) {
    return b >= 'A' && b <= 'Z' ? (byte) (b + ('a' - 'A')) : b;
  }

  private static int hash(byte[] name) {
    int h = 0;
    for (byte b : name) {
      h = 31 * h + lower(b);
    }
    return h ^ (h >>> 15);
  }

  private static boolean equalsLowered(byte[] lowerName, byte[] name) {
    if (lowerName.length != name.length) {
      return false;
    }
    for (int i = 0; i < name.length; i++) {
      if (lowerName[i] != lower(name[i])) {
        return false;
      }
    }
    return true;
  }
}

package io.troupe.acl;

import io.troupe.command.CommandSpec;
import io.troupe.resp.Reply;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A command's key specifications (Redis 7's key-specs, from COMMAND INFO), as
 * far as ACL needs them: for each key argument, whether the command reads it
 * (ACCESS), writes it (INSERT, UPDATE, DELETE), or both. A {@code %R~}
 * pattern grants a key only to reads, {@code %W~} only to writes.
 *
 * <p>Begin-search by index or keyword and find-keys by range or keynum are
 * evaluated as Redis evaluates them. SET and BITFIELD declare variable flags;
 * their actual flags follow their arguments (SET without GET only writes;
 * BITFIELD without SET/INCRBY only reads), as Redis's getkeys procs say.
 */
final class KeySpecs {
  private record Spec(int access, String beginType, int index, String keyword, int startFrom,
      String findType, int lastKey, int keyStep, int limit, int keyNumIdx, int firstKey) {}

  private final String command;
  private final List<Spec> specs;
  private final int unionAccess;

  private KeySpecs(String command, List<Spec> specs) {
    this.command = command;
    this.specs = specs;
    int u = 0;
    for (Spec s : specs) {
      u |= s.access;
    }
    this.unionAccess = u;
  }

  static KeySpecs of(CommandSpec spec) {
    List<Spec> out = new ArrayList<>();
    if (spec.info() instanceof Reply.Array info && info.items().size() > 8) {
      for (Reply r : items(info.items().get(8))) {
        Spec s = parse(r);
        if (s != null) {
          out.add(s);
        }
      }
    }
    return new KeySpecs(spec.fullName(), List.copyOf(out));
  }

  /**
   * The access ({@link Selector#READ} / {@link Selector#WRITE} bits) the
   * command needs on the key at {@code argv[pos]}.
   */
  int access(byte[][] argv, int pos) {
    if (command.equals("set")) {
      return hasArg(argv, 3, "get") ? Selector.READ_WRITE : Selector.WRITE;
    }
    if (command.equals("bitfield")) {
      return hasArg(argv, 2, "set") || hasArg(argv, 2, "incrby") ? Selector.READ_WRITE : Selector.READ;
    }
    for (Spec s : specs) {
      if (covers(s, argv, pos)) {
        return s.access;
      }
    }
    return unionAccess;
  }

  private static boolean hasArg(byte[][] argv, int from, String word) {
    for (int i = from; i < argv.length; i++) {
      if (new String(argv[i], StandardCharsets.ISO_8859_1).equalsIgnoreCase(word)) {
        return true;
      }
    }
    return false;
  }

  /**
   * The key positions the key specs find in {@code argv} (for a command whose
   * handler is not bound, so no key finder knows its keys: ACL DRYRUN).
   */
  int[] positions(byte[][] argv) {
    java.util.TreeSet<Integer> found = new java.util.TreeSet<>();
    for (int pos = 1; pos < argv.length; pos++) {
      for (Spec s : specs) {
        if (covers(s, argv, pos)) {
          found.add(pos);
          break;
        }
      }
    }
    int[] out = new int[found.size()];
    int i = 0;
    for (int p : found) {
      out[i++] = p;
    }
    return out;
  }

  /** True when spec {@code s} finds a key at {@code pos} in {@code argv}. */
  private static boolean covers(Spec s, byte[][] argv, int pos) {
    int argc = argv.length;
    int first;
    if (s.beginType.equals("index")) {
      first = s.index;
    } else if (s.beginType.equals("keyword")) {
      first = -1;
      if (s.startFrom >= 0) {
        for (int i = s.startFrom; i < argc; i++) {
          if (is(argv[i], s.keyword)) {
            first = i + 1;
            break;
          }
        }
      } else {
        for (int i = argc + s.startFrom; i > 0; i--) {
          if (is(argv[i], s.keyword)) {
            first = i + 1;
            break;
          }
        }
      }
      if (first < 0) {
        return false;
      }
    } else {
      return false;
    }
    if (first >= argc) {
      return false;
    }
    int last;
    int step;
    if (s.findType.equals("range")) {
      if (s.lastKey >= 0) {
        last = first + s.lastKey;
      } else if (s.limit <= 1) {
        last = argc + s.lastKey;
      } else {
        last = first + ((argc - first) / s.limit + s.lastKey);
      }
      step = Math.max(1, s.keyStep);
    } else if (s.findType.equals("keynum")) {
      int at = first + s.keyNumIdx;
      if (at >= argc) {
        return false;
      }
      long n;
      try {
        n = Long.parseLong(new String(argv[at], StandardCharsets.ISO_8859_1));
      } catch (NumberFormatException e) {
        return false;
      }
      first += s.firstKey;
      step = Math.max(1, s.keyStep);
      last = (int) Math.min(Integer.MAX_VALUE, first + (n - 1) * step);
    } else {
      return false;
    }
    return pos >= first && pos <= last && (pos - first) % step == 0;
  }

  private static boolean is(byte[] arg, String word) {
    return new String(arg, StandardCharsets.ISO_8859_1).equalsIgnoreCase(word);
  }

  // ---- reading the COMMAND INFO reply ---------------------------------------------------

  private static Spec parse(Reply r) {
    Reply flags = get(r, "flags");
    Reply begin = get(r, "begin_search");
    Reply find = get(r, "find_keys");
    if (flags == null || begin == null || find == null) {
      return null;
    }
    int access = 0;
    for (Reply f : items(flags)) {
      switch (text(f).toLowerCase(Locale.ROOT)) {
        case "access" -> access |= Selector.READ;
        case "insert", "update", "delete" -> access |= Selector.WRITE;
        default -> {
        }
      }
    }
    Reply bspec = get(begin, "spec");
    Reply fspec = get(find, "spec");
    return new Spec(access, text(get(begin, "type")), num(bspec, "index"), text(get(bspec, "keyword")),
        num(bspec, "startfrom"), text(get(find, "type")), num(fspec, "lastkey"), num(fspec, "keystep"),
        num(fspec, "limit"), num(fspec, "keynumidx"), num(fspec, "firstkey"));
  }

  private static List<Reply> items(Reply r) {
    if (r instanceof Reply.Set s) {
      return s.items();
    }
    if (r instanceof Reply.Array a) {
      return a.items();
    }
    return List.of();
  }

  private static Reply get(Reply map, String key) {
    if (map instanceof Reply.Map m) {
      List<Reply> kv = m.keysAndValues();
      for (int i = 0; i + 1 < kv.size(); i += 2) {
        if (key.equals(text(kv.get(i)))) {
          return kv.get(i + 1);
        }
      }
    }
    return null;
  }

  private static int num(Reply map, String key) {
    return get(map, key) instanceof Reply.Int i ? (int) i.value() : 0;
  }

  private static String text(Reply r) {
    if (r instanceof Reply.Bulk b) {
      return new String(b.value(), StandardCharsets.UTF_8);
    }
    if (r instanceof Reply.Status s) {
      return s.text();
    }
    return "";
  }
}

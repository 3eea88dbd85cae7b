package io.troupe.keyspace;

import io.troupe.config.ServerConfig;
import io.troupe.resp.CommandException;
import io.troupe.resp.RespErrors;
import io.troupe.resp.Reply;
import java.util.ArrayList;
import java.util.List;

/**
 * OBJECT ENCODING / FREQ / IDLETIME / REFCOUNT / HELP (Redis's object.c).
 * Keys are looked up without touching their access time, as Redis's
 * LOOKUP_NOTOUCH; a missing key answers null.
 *
 * <p>Strings are {@code byte[]} without Redis's robj header, so their
 * encoding is derived from their content as Redis's tryObjectEncoding decides
 * it for a value stored by SET: "int" for a canonical 64-bit integer of at
 * most 20 characters, "embstr" up to 44 bytes, "raw" beyond. Redis also says
 * "raw" for a short string edited in place (APPEND, SETRANGE, SETBIT,
 * BITFIELD, PFADD...), which the bytes alone cannot tell. Every other type
 * names its own encoding ({@link TypedValue#encoding()}).
 */
public final class ObjectCommands {
  /** Redis shares the integer objects 0..9999 (OBJ_SHARED_INTEGERS). */
  static final long SHARED_INTEGERS = 10000;
  /** The refcount Redis reports for a shared object (OBJ_SHARED_REFCOUNT = INT_MAX). */
  static final int SHARED_REFCOUNT = Integer.MAX_VALUE;
  private static final int EMBSTR_SIZE_LIMIT = 44;

  private static final List<String> HELP = List.of(
      "OBJECT <subcommand> [<arg> [value] [opt] ...]. Subcommands are:",
      "ENCODING <key>",
      "    Return the kind of internal representation used in order to store the value",
      "    associated with a <key>.",
      "FREQ <key>",
      "    Return the access frequency index of the <key>. The returned integer is",
      "    proportional to the logarithm of the recent access frequency of the key.",
      "IDLETIME <key>",
      "    Return the idle time of the <key>, that is the approximated number of",
      "    seconds elapsed since the last access to the key.",
      "REFCOUNT <key>",
      "    Return the number of references of the value associated with the specified",
      "    <key>.",
      "HELP",
      "    Prints this help.");

  private ObjectCommands() {}

  public static void bind(CommandBinder b) {
    b.keyed("object|encoding", ObjectCommands::encoding);
    b.keyed("object|freq", ObjectCommands::freq);
    b.keyed("object|idletime", ObjectCommands::idletime);
    b.keyed("object|refcount", ObjectCommands::refcount);
    b.keyed("object|help", ObjectCommands::help);
  }

  /** OBJECT ENCODING key */
  static Reply encoding(ExecContext ctx, byte[][] argv) {
    Entry e = ctx.lookupReadNoTouchNoNotify(argv[2]);
    if (e == null) {
      return Reply.NULL_BULK;
    }
    return Reply.bulk(encodingOf(e.value));
  }

  /** OBJECT FREQ key */
  static Reply freq(ExecContext ctx, byte[][] argv) {
    Entry e = ctx.lookupReadNoTouchNoNotify(argv[2]);
    if (e == null) {
      return Reply.NULL_BULK;
    }
    if (!policyIs(ctx.config(), "lfu")) {
      throw new CommandException(RespErrors.OBJECT_FREQ_NOT_LFU);
    }
    return Reply.integer(lfuCounter(e.lru, ctx.now(), lfuDecayTime(ctx.config())));
  }

  /** OBJECT IDLETIME key */
  static Reply idletime(ExecContext ctx, byte[][] argv) {
    Entry e = ctx.lookupReadNoTouchNoNotify(argv[2]);
    if (e == null) {
      return Reply.NULL_BULK;
    }
    if (policyIs(ctx.config(), "lfu")) {
      throw new CommandException(RespErrors.OBJECT_IDLETIME_LFU);
    }
    return Reply.integer(Math.max(0, ctx.now() / 1000 - e.lru));
  }

  /** OBJECT REFCOUNT key */
  static Reply refcount(ExecContext ctx, byte[][] argv) {
    Entry e = ctx.lookupReadNoTouchNoNotify(argv[2]);
    if (e == null) {
      return Reply.NULL_BULK;
    }
    return Reply.integer(refcountOf(e.value, sharedIntegersAllowed(ctx.config())));
  }

  /** OBJECT HELP */
  static Reply help(ExecContext ctx, byte[][] argv) {
    List<Reply> lines = new ArrayList<>(HELP.size());
    for (String line : HELP) {
      lines.add(Reply.status(line));
    }
    return Reply.array(lines);
  }

  // ---- helpers ------------------------------------------------------------------------------

  /** OBJECT ENCODING's name for any value. */
  public static String encodingOf(Object value) {
    if (value instanceof byte[] s) {
      return stringEncoding(s);
    }
    if (value instanceof TypedValue t) {
      return t.encoding();
    }
    throw new IllegalStateException("not a Redis value: " + value.getClass().getName());
  }

  /** The encoding Redis gives a string stored by SET: int, embstr or raw. */
  public static String stringEncoding(byte[] s) {
    if (s.length <= 20 && Args.toLong(s) != null) {
      return "int";
    }
    return s.length <= EMBSTR_SIZE_LIMIT ? "embstr" : "raw";
  }

  /** 2147483647 for a string Redis would hold as a shared integer (0..9999), else 1. */
  static long refcountOf(Object value, boolean sharedIntegers) {
    if (sharedIntegers && value instanceof byte[] s && s.length <= 20) {
      Long v = Args.toLong(s);
      if (v != null && v >= 0 && v < SHARED_INTEGERS) {
        return SHARED_REFCOUNT;
      }
    }
    return 1;
  }

  /** The maxmemory policy ("noeviction" while the parameter does not exist). */
  static String policy(ServerConfig config) {
    return config.param("maxmemory-policy") == null ? "noeviction" : config.getString("maxmemory-policy");
  }

  static boolean policyIs(ServerConfig config, String kind) {
    return policy(config).endsWith("-" + kind);
  }

  /** Redis stops sharing integers when maxmemory is set with an LRU or LFU policy. */
  static boolean sharedIntegersAllowed(ServerConfig config) {
    boolean maxmemory = config.param("maxmemory") != null && config.getLong("maxmemory") != 0;
    return !maxmemory || !(policyIs(config, "lru") || policyIs(config, "lfu"));
  }

  static long lfuDecayTime(ServerConfig config) {
    return config.param("lfu-decay-time") == null ? 1 : config.getLong("lfu-decay-time");
  }

  /**
   * LFUDecrAndReturn: under an LFU policy the access clock ({@link Entry#lru})
   * holds the last decrement time (16 bits of minutes) above an 8-bit
   * logarithmic counter, kept by {@link ExecContext} on every access
   * ({@link Lfu}); the counter reported has lost one per {@code decayMinutes}
   * elapsed.
   */
  static long lfuCounter(int lru, long nowMillis, long decayMinutes) {
    return Lfu.decayed(lru, nowMillis, decayMinutes);
  }
}

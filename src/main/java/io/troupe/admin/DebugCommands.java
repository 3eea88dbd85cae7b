package io.troupe.admin;

import io.troupe.command.Session;
import io.troupe.config.ConfigNumbers;
import io.troupe.keyspace.ActiveExpire;
import io.troupe.keyspace.Entry;
import io.troupe.keyspace.ExecContext;
import io.troupe.keyspace.KeySlot;
import io.troupe.resp.CommandException;
import io.troupe.resp.Reply;
import io.troupe.resp.RespErrors;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * DEBUG (Redis's debug.c), the subcommands Troupe has: CHANGE-REPL-ID,
 * OBJECT, SLEEP, SET-ACTIVE-EXPIRE and HELP.
 *
 * <p>DEBUG runs on the coordinator holding every shard, so DEBUG SLEEP stops
 * all keyspace work for its duration, as it stops Redis's event loop, and
 * DEBUG OBJECT can read any key. Whether the client may use DEBUG at all
 * (enable-debug-command no|yes|local) depends on its connection, so a guard
 * checks it in the connection actor before the command is sent on.
 */
final class DebugCommands {
  private DebugCommands() {}

  private static final List<String> HELP = List.of(
      "DEBUG <subcommand> [<arg> [value] [opt] ...]. Subcommands are:",
      "CHANGE-REPL-ID",
      "    Change the replication IDs of the instance.",
      "    Dangerous: should be used only for testing the replication subsystem.",
      "OBJECT <key>",
      "    Show low level info about `key` and associated value.",
      "SET-ACTIVE-EXPIRE <0|1>",
      "    Setting it to 0 disables expiring keys in background when they are not",
      "    accessed (otherwise the Redis behavior). Setting it to 1 reenables back the",
      "    default.",
      "SLEEP <seconds>",
      "    Stop the server for <seconds>. Decimals allowed.",
      "HELP",
      "    Prints this help.");

  /** Redis's OBJ_SHARED_REFCOUNT: the refcount DEBUG OBJECT shows for a shared integer. */
  private static final int SHARED_REFCOUNT = Integer.MAX_VALUE;
  private static final int SHARED_INTEGERS = 10000;
  private static final Pattern FLOAT_PREFIX =
      Pattern.compile("^\\s*[+-]?(\\d+\\.?\\d*([eE][+-]?\\d+)?|\\.\\d+([eE][+-]?\\d+)?)");

  /** The enable-debug-command check: null to let DEBUG run, or the error. */
  static Reply permit(Session s, byte[][] argv) {
    String mode = s.config().getString("enable-debug-command");
    if (mode.equals("yes") || mode.equals("local") && isLocal(s)) {
      if (argv.length == 2 && new String(argv[1], StandardCharsets.UTF_8).equalsIgnoreCase("change-repl-id")) {
        // The replication id is server state, not keyspace state: answered here.
        AdminState.of(s.server()).changeReplId();
        s.server().replication().changeReplId();
        return Reply.OK;
      }
      return null;
    }
    return Reply.error(RespErrors.DEBUG_NOT_ALLOWED);
  }

  /** Redis's islocalClient: the client connected from a loopback address. */
  static boolean isLocal(Session s) {
    String addr = s.info().addr;
    int colon = addr.lastIndexOf(':');
    String host = colon < 0 ? addr : addr.substring(0, colon);
    try {
      return InetAddress.getByName(host).isLoopbackAddress();
    } catch (UnknownHostException e) {
      return false;
    }
  }

  /** DEBUG subcommand [argument ...] */
  static Reply debug(ExecContext ctx, byte[][] argv) {
    String sub = new String(argv[1], StandardCharsets.UTF_8);
    switch (sub.toLowerCase(Locale.ROOT)) {
      case "help" -> {
        if (argv.length == 2) {
          List<Reply> lines = new ArrayList<>();
          for (String l : HELP) {
            lines.add(Reply.status(l));
          }
          return Reply.array(lines);
        }
      }
      case "sleep" -> {
        if (argv.length == 3) {
          return sleep(new String(argv[2], StandardCharsets.UTF_8));
        }
      }
      case "set-active-expire" -> {
        if (argv.length == 3) {
          ActiveExpire.setEnabled(atoi(new String(argv[2], StandardCharsets.UTF_8)) != 0);
          return Reply.OK;
        }
      }
      case "reload" -> {
        if (argv.length == 2) {
          return reload(ctx);
        }
      }
      case "object" -> {
        if (argv.length == 3) {
          return object(ctx, argv[2]);
        }
      }
      default -> {
        // falls through to the syntax error
      }
    }
    throw new CommandException(RespErrors.subcommandSyntax("debug", sub));
  }

  /** DEBUG RELOAD: saves the RDB file, empties every database and loads the file back. */
  private static Reply reload(ExecContext ctx) {
    java.util.List<io.troupe.keyspace.Keyspace> all = PersistenceCommands.keyspaces(ctx);
    if (!PersistenceCommands.saveNow(all, ctx)) {
      throw new CommandException(RespErrors.ERR);
    }
    try {
      io.troupe.persistence.rdb.RdbFiles.reload(io.troupe.persistence.rdb.RdbFiles.file(ctx.config()), all,
          ctx.slots(), ctx.config());
    } catch (java.io.IOException | io.troupe.persistence.rdb.RdbException e) {
      org.slf4j.LoggerFactory.getLogger("troupe").warn("Error loading the RDB file: {}", e.getMessage());
      throw new CommandException(RespErrors.DEBUG_RELOAD_LOAD_FAILED);
    }
    org.slf4j.LoggerFactory.getLogger("troupe").info("DB reloaded by DEBUG RELOAD");
    return Reply.OK;
  }

  /** DEBUG SLEEP seconds: holds every shard for that long (strtod: a bad number sleeps 0). */
  private static Reply sleep(String arg) {
    long micros = (long) (strtod(arg) * 1_000_000);
    if (micros > 0) {
      try {
        Thread.sleep(micros / 1000, (int) (micros % 1000) * 1000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    return Reply.OK;
  }

  /** DEBUG OBJECT key: "Value at:0x... refcount:1 encoding:embstr serializedlength:N lru:N lru_seconds_idle:N". */
  private static Reply object(ExecContext ctx, byte[] key) {
    int slot = KeySlot.slot(key);
    // Read without touching the key's LRU clock (Redis's LOOKUP_NOTOUCH).
    Entry e = ctx.database(ctx.db(), key).get(key, slot);
    if (e == null || e.hasExpiry() && e.expireAt() <= ctx.now()) {
      throw new CommandException(RespErrors.NO_SUCH_KEY);
    }
    Object v = e.value();
    if (!(v instanceof byte[] s)) {
      throw new IllegalStateException("DEBUG OBJECT does not know the encoding of " + v.getClass().getName());
    }
    StringEncoding enc = StringEncoding.of(s);
    boolean sharedIntegers = ctx.config().getLong("maxmemory") == 0
        || !ctx.config().getString("maxmemory-policy").matches(".*-(lru|lfu)");
    int refcount = enc.sharedInteger(sharedIntegers) ? SHARED_REFCOUNT : 1;
    long nowSeconds = ctx.now() / 1000;
    long idle = Math.max(0, nowSeconds - e.lru());
    return Reply.status("Value at:0x" + Integer.toHexString(System.identityHashCode(v))
        + " refcount:" + refcount + " encoding:" + enc.name + " serializedlength:" + enc.serializedLength
        + " lru:" + (e.lru() & 0xFFFFFF) + " lru_seconds_idle:" + idle);
  }

  /**
   * How Redis would hold and serialize a string value: "int" when it is an
   * integer of at most 20 characters, "embstr" up to 44 bytes, else "raw";
   * its RDB length as rdbSaveStringObject writes it uncompressed (integers
   * that fit 8, 16 or 32 bits as 2, 3 or 5 bytes). Redis LZF-compresses
   * strings over 20 bytes when rdbcompression is on; Troupe reports the
   * uncompressed length.
   */
  record StringEncoding(String name, long serializedLength, Long intValue) {
    static StringEncoding of(byte[] s) {
      Long n = s.length <= 20 ? ConfigNumbers.parseInteger(new String(s, StandardCharsets.ISO_8859_1)) : null;
      String name = n != null ? "int" : s.length <= 44 ? "embstr" : "raw";
      long len;
      if (n != null && s.length <= 11 && n >= Integer.MIN_VALUE && n <= Integer.MAX_VALUE) {
        len = n >= -128 && n <= 127 ? 2 : n >= -32768 && n <= 32767 ? 3 : 5;
      } else {
        len = lengthHeader(s.length) + s.length;
      }
      return new StringEncoding(name, len, n);
    }

    boolean sharedInteger(boolean sharedIntegersInUse) {
      return sharedIntegersInUse && intValue != null && intValue >= 0 && intValue < SHARED_INTEGERS;
    }

    private static int lengthHeader(long len) {
      return len < 64 ? 1 : len < 16384 ? 2 : len <= 0xFFFFFFFFL ? 5 : 9;
    }
  }

  /** C's strtod on a prefix: 0 when the text does not start with a number. */
  static double strtod(String s) {
    Matcher m = FLOAT_PREFIX.matcher(s);
    if (!m.find()) {
      return 0;
    }
    try {
      return Double.parseDouble(m.group().trim());
    } catch (NumberFormatException e) {
      return 0;
    }
  }

  /** C's atoi: leading digits (with sign), 0 otherwise. */
  static long atoi(String s) {
    Matcher m = Pattern.compile("^\\s*[+-]?\\d+").matcher(s);
    if (!m.find()) {
      return 0;
    }
    try {
      return Long.parseLong(m.group().trim().replace("+", ""));
    } catch (NumberFormatException e) {
      return 0;
    }
  }
}

package io.troupe.persistence.rdb;

import io.troupe.keyspace.Args;
import io.troupe.keyspace.CommandBinder;
import io.troupe.keyspace.Entry;
import io.troupe.keyspace.ExecContext;
import io.troupe.keyspace.KeyspaceEvents;
import io.troupe.keyspace.Propagation;
import io.troupe.resp.CommandException;
import io.troupe.resp.RespErrors;
import io.troupe.resp.Reply;

/** DUMP and RESTORE (the part of Redis's cluster.c that serializes single keys). */
public final class DumpCommands {
  private DumpCommands() {}

  public static void bind(CommandBinder b) {
    b.keyed("dump", DumpCommands::dump);
    b.keyed("restore", DumpCommands::restore);
  }

  /** DUMP key */
  static Reply dump(ExecContext ctx, byte[][] argv) {
    Entry e = ctx.lookupRead(argv[1]);
    if (e == null) {
      return Reply.NULL_BULK;
    }
    return Reply.bulk(DumpPayload.create(e.value(), ctx.config().getBool("rdbcompression")));
  }

  /** RESTORE key ttl serialized-value [REPLACE] [ABSTTL] [IDLETIME seconds] [FREQ frequency] */
  static Reply restore(ExecContext ctx, byte[][] argv) {
    boolean replace = false;
    boolean absttl = false;
    long idle = -1;
    long freq = -1;
    for (int j = 4; j < argv.length; j++) {
      boolean more = j + 1 < argv.length;
      if (Args.is(argv[j], "replace")) {
        replace = true;
      } else if (Args.is(argv[j], "absttl")) {
        absttl = true;
      } else if (Args.is(argv[j], "idletime") && more && freq == -1) {
        idle = Args.parseLong(argv[++j]);
        if (idle < 0) {
          throw new CommandException(RespErrors.RESTORE_INVALID_IDLETIME);
        }
      } else if (Args.is(argv[j], "freq") && more && idle == -1) {
        freq = Args.parseLong(argv[++j]);
        if (freq < 0 || freq > 255) {
          throw new CommandException(RespErrors.RESTORE_INVALID_FREQ);
        }
      } else {
        throw new CommandException(RespErrors.SYNTAX);
      }
    }
    byte[] key = argv[1];
    if (!replace && ctx.lookupWrite(key) != null) {
      throw new CommandException(RespErrors.BUSYKEY);
    }
    long ttl = Args.parseLong(argv[2]);
    if (ttl < 0) {
      throw new CommandException(RespErrors.RESTORE_INVALID_TTL);
    }
    byte[] payload = argv[3];
    if (!DumpPayload.verify(payload, ctx.config().getBool("rdbchecksum"))) {
      throw new CommandException(RespErrors.DUMP_PAYLOAD);
    }
    Object value;
    try {
      value = DumpPayload.parse(payload, ValueLimits.from(ctx.config()));
    } catch (RdbException e) {
      throw new CommandException(RespErrors.BAD_DATA_FORMAT);
    }
    boolean deleted = replace && ctx.delete(key);
    if (ttl != 0 && !absttl) {
      ttl += ctx.now();
    }
    if (ttl != 0 && ttl <= ctx.now()) {
      // Already expired: the key is not created (an existing one was replaced by nothing).
      if (deleted) {
        ctx.notify(KeyspaceEvents.GENERIC, "del", key);
        ctx.dirty(1);
        ctx.propagateAs(Propagation.argv("DEL", key));
      }
      return Reply.OK;
    }
    Entry e = ctx.add(ctx.db(), key, value);
    if (ttl != 0) {
      ctx.setExpire(e, ttl);
      if (!absttl) {
        // Propagated with the absolute time, as Redis does.
        ctx.propagateAs(Propagation.replace(Propagation.replace(argv, 2, ttl), argv.length, "ABSTTL"));
      }
    }
    setLruOrLfu(ctx, e, idle, freq);
    ctx.notify(KeyspaceEvents.GENERIC, "restore", key);
    ctx.dirty(1);
    return Reply.OK;
  }

  /**
   * objectSetLRUOrLFU: under an LFU maxmemory-policy FREQ sets the counter (with
   * the current time in minutes as its last decrement time); otherwise IDLETIME
   * sets the access time that many seconds back. The other option is ignored.
   */
  static void setLruOrLfu(ExecContext ctx, Entry e, long idleSeconds, long freq) {
    boolean lfu = ctx.config().getString("maxmemory-policy").endsWith("-lfu");
    if (lfu) {
      if (freq >= 0) {
        e.setLru((int) ((((ctx.now() / 60000) & 0xffff) << 8) | freq));
      }
    } else if (idleSeconds >= 0) {
      long at = ctx.now() / 1000 - idleSeconds;
      e.setLru((int) Math.max(Integer.MIN_VALUE, at));
    }
  }
}

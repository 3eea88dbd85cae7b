package io.troupe.admin;

import io.troupe.command.ServerContext;
import io.troupe.keyspace.ExecContext;
import io.troupe.keyspace.Keyspace;
import io.troupe.keyspace.PersistenceState;
import io.troupe.persistence.rdb.RdbFiles;
import io.troupe.resp.CommandException;
import io.troupe.resp.Reply;
import io.troupe.resp.RespErrors;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * SAVE, BGSAVE and the save bookkeeping (Redis's rdb.c saveCommand,
 * bgsaveCommand and rdbSave's epilogue). Both run on the coordinator holding
 * every shard: SAVE writes the file there; BGSAVE only marks the snapshot
 * point there and the file is written in the background ({@link BackgroundSave}).
 */
final class PersistenceCommands {
  private PersistenceCommands() {}

  /** SAVE */
  static Reply save(ExecContext ctx, byte[][] argv) {
    List<Keyspace> all = keyspaces(ctx);
    if (all.get(0).persistence().running() == PersistenceState.Job.RDB) {
      throw new CommandException(RespErrors.BGSAVE_IN_PROGRESS);
    }
    if (!saveNow(all, ctx)) {
      throw new CommandException(RespErrors.ERR);
    }
    return Reply.OK;
  }

  /** rdbSave with its epilogue: dirty reset, lastsave and rdb_saves on success. */
  static boolean saveNow(List<Keyspace> all, ExecContext ctx) {
    long now = System.currentTimeMillis();
    try {
      RdbFiles.save(all, ctx.config(), now);
    } catch (IOException e) {
      return false;
    }
    PersistenceState st = all.get(0).persistence();
    st.dirtyAtLastSave = PersistenceState.dirty(all);
    st.lastBgsaveOk = true; // as rdbSave: a good save clears MISCONF
    for (Keyspace ks : all) {
      ks.stats().lastSaveSeconds = now / 1000;
      ks.stats().rdbSaves++;
    }
    return true;
  }

  /** BGSAVE [SCHEDULE] */
  static Reply bgsave(ExecContext ctx, byte[][] argv) {
    boolean schedule = false;
    if (argv.length > 1) {
      if (argv.length == 2 && new String(argv[1], java.nio.charset.StandardCharsets.ISO_8859_1)
          .equalsIgnoreCase("schedule")) {
        schedule = true;
      } else {
        throw new CommandException(RespErrors.SYNTAX);
      }
    }
    List<Keyspace> all = keyspaces(ctx);
    PersistenceState st = all.get(0).persistence();
    if (st.running() == PersistenceState.Job.RDB) {
      throw new CommandException(RespErrors.BGSAVE_IN_PROGRESS);
    }
    // Inside EXEC (where blocking is off) Redis only schedules it, as when another job runs.
    boolean inExec = !ctx.blockingAllowed();
    if (inExec || !st.tryStart(PersistenceState.Job.RDB)) {
      // Another job (an AOF rewrite) has the background slot.
      if (!schedule && !inExec) {
        throw new CommandException(RespErrors.BGSAVE_CHILD_ACTIVE);
      }
      st.bgsaveScheduled = true;
      return Reply.status("Background saving scheduled");
    }
    BackgroundSave.beginAtPoint(all, ctx.config());
    return Reply.status("Background saving started");
  }

  static List<Keyspace> keyspaces(ExecContext ctx) {
    List<Keyspace> all = new ArrayList<>();
    ctx.forEachKeyspace(all::add);
    all.sort((a, b) -> Integer.compare(a.shardIndex(), b.shardIndex()));
    return all;
  }

  /** BGREWRITEAOF */
  static Reply bgrewriteaof(io.troupe.command.Session s, byte[][] argv) {
    switch (s.server().appendOnly().startRewrite()) {
      case IN_PROGRESS:
        throw new CommandException(RespErrors.AOF_REWRITE_IN_PROGRESS);
      case SCHEDULED:
        return Reply.status("Background append only file rewriting scheduled");
      default:
        return Reply.status("Background append only file rewriting started");
    }
  }

  /** LASTSAVE's value: the last successful save, or the server's start. */
  static long lastSave(ServerContext server) {
    long at = server.keyspaces().get(0).stats().lastSaveSeconds;
    return at != 0 ? at : server.startTimeMillis() / 1000;
  }
}

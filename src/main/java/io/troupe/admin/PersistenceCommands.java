package io.troupe.admin;

import io.troupe.command.ServerContext;
import io.troupe.keyspace.ExecContext;
import io.troupe.keyspace.Keyspace;
import io.troupe.persistence.rdb.RdbFiles;
import io.troupe.resp.CommandException;
import io.troupe.resp.Reply;
import io.troupe.resp.RespErrors;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * SAVE and the save bookkeeping (Redis's rdb.c saveCommand and rdbSave's
 * epilogue). SAVE runs on the coordinator holding every shard: the file is one
 * point in time of the whole node.
 */
final class PersistenceCommands {
  private PersistenceCommands() {}

  /** SAVE */
  static Reply save(ExecContext ctx, byte[][] argv) {
    List<Keyspace> all = keyspaces(ctx);
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
    for (Keyspace ks : all) {
      ks.stats().dirty = 0;
      ks.stats().lastSaveSeconds = now / 1000;
      ks.stats().rdbSaves++;
    }
    return true;
  }

  static List<Keyspace> keyspaces(ExecContext ctx) {
    List<Keyspace> all = new ArrayList<>();
    ctx.forEachKeyspace(all::add);
    all.sort((a, b) -> Integer.compare(a.shardIndex(), b.shardIndex()));
    return all;
  }

  /** BGREWRITEAOF */
  static Reply bgrewriteaof(io.troupe.command.Session s, byte[][] argv) {
    if (!s.server().appendOnly().startRewrite()) {
      throw new CommandException(RespErrors.AOF_REWRITE_IN_PROGRESS);
    }
    return Reply.status("Background append only file rewriting started");
  }

  /** LASTSAVE's value: the last successful save, or the server's start. */
  static long lastSave(ServerContext server) {
    long at = server.keyspaces().get(0).stats().lastSaveSeconds;
    return at != 0 ? at : server.startTimeMillis() / 1000;
  }
}

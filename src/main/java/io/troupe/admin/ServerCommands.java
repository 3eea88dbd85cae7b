package io.troupe.admin;

import io.troupe.command.CommandTable;
import io.troupe.command.Session;
import io.troupe.resp.CommandException;
import io.troupe.resp.Reply;
import io.troupe.resp.RespErrors;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Server administration (Redis's server.c, config.c, debug.c): INFO, TIME,
 * LASTSAVE, CONFIG, SHUTDOWN, DEBUG. All but DEBUG run in the connection
 * actor; DEBUG runs on the coordinator behind a permission guard (see
 * {@link DebugCommands}).
 */
public final class ServerCommands {
  private static final Logger log = LoggerFactory.getLogger("troupe");

  private ServerCommands() {}

  public static void bind(CommandTable t) {
    t.session("info", ServerCommands::info);
    t.session("time", ServerCommands::time);
    t.session("lastsave", ServerCommands::lastsave);
    t.session("shutdown", ServerCommands::shutdown);
    t.session("config|get", ConfigCommands::get);
    t.session("config|set", ConfigCommands::set);
    t.session("config|resetstat", ConfigCommands::resetStat);
    t.session("config|help", ConfigCommands::help);
    t.allShards("save", PersistenceCommands::save);
    t.session("bgrewriteaof", PersistenceCommands::bgrewriteaof);
    t.allShards("debug", DebugCommands::permit, DebugCommands::debug);
    IntrospectionCommands.bind(t);
  }

  /** INFO [section [section ...]] */
  static Reply info(Session s, byte[][] argv) {
    List<String> args = new ArrayList<>();
    for (int i = 1; i < argv.length; i++) {
      args.add(new String(argv[i], StandardCharsets.UTF_8));
    }
    return Reply.verbatim(InfoSections.render(s.server(), InfoSections.select(args)));
  }

  /** TIME */
  static Reply time(Session s, byte[][] argv) {
    Instant now = Instant.now();
    return Reply.array(Reply.bulk(Long.toString(now.getEpochSecond())),
        Reply.bulk(Long.toString(now.getNano() / 1000)));
  }

  /** LASTSAVE: the last successful save (unix seconds), or the server's start. */
  static Reply lastsave(Session s, byte[][] argv) {
    return Reply.integer(PersistenceCommands.lastSave(s.server()));
  }

  /** SHUTDOWN [NOSAVE | SAVE] [NOW] [FORCE] [ABORT] */
  static Reply shutdown(Session s, byte[][] argv) {
    boolean nosave = false;
    boolean save = false;
    boolean force = false;
    boolean flags = false;
    boolean abort = false;
    for (int i = 1; i < argv.length; i++) {
      switch (new String(argv[i], StandardCharsets.UTF_8).toLowerCase(Locale.ROOT)) {
        case "nosave" -> nosave = flags = true;
        case "save" -> save = flags = true;
        case "now" -> flags = true;
        case "force" -> force = flags = true;
        case "abort" -> abort = true;
        default -> throw new CommandException(RespErrors.SYNTAX);
      }
    }
    if (abort && flags || nosave && save) {
      throw new CommandException(RespErrors.SYNTAX);
    }
    if (abort) {
      // A Troupe shutdown never waits for replicas, so none is ever in progress.
      throw new CommandException(RespErrors.NO_SHUTDOWN_IN_PROGRESS);
    }
    log.warn("User requested shutdown...");
    if (save || !nosave && !s.config().getString("save").isEmpty()) {
      // The file is written once every shard has stopped (Server.stop); a dir
      // that cannot take it refuses the shutdown now, as a failed final save
      // does in Redis (FORCE exits anyway).
      log.info("Saving the final RDB snapshot before exiting.");
      java.nio.file.Path dir = java.nio.file.Path.of(s.config().getString("dir"));
      if (!force && !(java.nio.file.Files.isDirectory(dir) && java.nio.file.Files.isWritable(dir))) {
        log.warn("Error trying to save the DB, can't exit.");
        throw new CommandException(RespErrors.SHUTDOWN_FAILED);
      }
      log.warn("Redis is now ready to exit, bye bye...");
      s.setReplyMode("skip");
      s.closeAfterReply();
      s.server().shutdown(0, true);
      return Reply.OK;
    }
    log.warn("Redis is now ready to exit, bye bye...");
    // No reply: the connection closes as the server stops.
    s.setReplyMode("skip");
    s.closeAfterReply();
    s.server().shutdown(0);
    return Reply.OK;
  }
}

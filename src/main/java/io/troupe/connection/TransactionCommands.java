package io.troupe.connection;

import io.troupe.command.CommandTable;
import io.troupe.command.Session;
import io.troupe.resp.CommandException;
import io.troupe.resp.Reply;
import io.troupe.resp.RespErrors;
import java.util.Arrays;

/** MULTI, EXEC, DISCARD, WATCH, UNWATCH (Redis's multi.c); the state lives in the connection. */
public final class TransactionCommands {
  private TransactionCommands() {}

  public static void bind(CommandTable t) {
    t.session("multi", TransactionCommands::multi);
    t.session("exec", TransactionCommands::exec);
    t.session("discard", TransactionCommands::discard);
    t.session("watch", TransactionCommands::watch);
    t.session("unwatch", TransactionCommands::unwatch);
  }

  /** MULTI */
  static Reply multi(Session s, byte[][] argv) {
    if (s.inMulti()) {
      throw new CommandException(RespErrors.MULTI_NESTED);
    }
    s.multi();
    return Reply.OK;
  }

  /** EXEC */
  static Reply exec(Session s, byte[][] argv) {
    if (!s.inMulti()) {
      throw new CommandException(RespErrors.EXEC_WITHOUT_MULTI);
    }
    return s.exec();
  }

  /** DISCARD */
  static Reply discard(Session s, byte[][] argv) {
    if (!s.inMulti()) {
      throw new CommandException(RespErrors.DISCARD_WITHOUT_MULTI);
    }
    s.discard();
    return Reply.OK;
  }

  /** WATCH key [key ...] */
  static Reply watch(Session s, byte[][] argv) {
    if (s.inMulti()) {
      throw new CommandException(RespErrors.WATCH_INSIDE_MULTI);
    }
    s.watch(Arrays.copyOfRange(argv, 1, argv.length));
    return Reply.OK;
  }

  /** UNWATCH */
  static Reply unwatch(Session s, byte[][] argv) {
    s.unwatch();
    return Reply.OK;
  }
}

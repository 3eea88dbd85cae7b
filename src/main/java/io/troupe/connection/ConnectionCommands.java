package io.troupe.connection;

import io.troupe.command.CommandTable;
import io.troupe.command.Session;
import io.troupe.resp.CommandException;
import io.troupe.resp.Reply;
import io.troupe.resp.RespErrors;

/**
 * Connection commands (Redis's networking.c and server.c parts): PING, ECHO,
 * QUIT, SELECT, AUTH, HELLO, RESET and CLIENT.
 */
public final class ConnectionCommands {
  private ConnectionCommands() {}

  public static void bind(CommandTable t) {
    t.session("ping", ConnectionCommands::ping);
    t.session("echo", ConnectionCommands::echo);
    t.session("quit", ConnectionCommands::quit);
    t.session("select", ConnectionCommands::select);
  }

  /** PING [message] */
  static Reply ping(Session s, byte[][] argv) {
    if (argv.length > 2) {
      throw new CommandException(RespErrors.wrongArgs("ping"));
    }
    return argv.length == 1 ? Reply.PONG : Reply.bulk(argv[1]);
  }

  /** ECHO message */
  static Reply echo(Session s, byte[][] argv) {
    return Reply.bulk(argv[1]);
  }

  /** QUIT */
  static Reply quit(Session s, byte[][] argv) {
    s.closeAfterReply();
    return Reply.OK;
  }

  /** SELECT index */
  static Reply select(Session s, byte[][] argv) {
    long db;
    try {
      db = Long.parseLong(new String(argv[1], java.nio.charset.StandardCharsets.US_ASCII));
    } catch (NumberFormatException e) {
      throw new CommandException(RespErrors.NOT_INTEGER);
    }
    if (db < 0 || db >= s.config().databases()) {
      throw new CommandException(RespErrors.DB_INDEX_OUT_OF_RANGE);
    }
    s.select((int) db);
    return Reply.OK;
  }
}

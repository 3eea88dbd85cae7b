package io.troupe.connection;

import io.troupe.acl.AclSession;
import io.troupe.acl.AclUser;
import io.troupe.command.CommandTable;
import io.troupe.command.Session;
import io.troupe.resp.CommandException;
import io.troupe.resp.Reply;
import io.troupe.resp.RespErrors;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Connection commands (Redis's networking.c and server.c parts): PING, ECHO,
 * QUIT, SELECT, AUTH, HELLO, RESET; the CLIENT subcommands are in
 * {@link ClientCommands}. Users and passwords are the {@link io.troupe.acl.Acl}'s;
 * the "default" user's password is {@code requirepass} unless ACL SETUSER
 * changed it.
 */
public final class ConnectionCommands {
  private ConnectionCommands() {}

  /** What HELLO reports as the server's version (the Redis release Troupe answers as). */
  static final String REDIS_VERSION = "7.0.15";
  static final String DEFAULT_USER = "default";

  public static void bind(CommandTable t) {
    t.session("ping", ConnectionCommands::ping);
    t.session("echo", ConnectionCommands::echo);
    t.session("quit", ConnectionCommands::quit);
    t.session("select", ConnectionCommands::select);
    t.session("auth", ConnectionCommands::auth);
    t.session("hello", ConnectionCommands::hello);
    t.session("reset", ConnectionCommands::reset);
    t.session("monitor", ConnectionCommands::monitor);
    ClientCommands.bind(t);
  }

  /** PING [message] */
  static Reply ping(Session s, byte[][] argv) {
    if (argv.length > 2) {
      throw new CommandException(RespErrors.wrongArgs("ping"));
    }
    if (s.protocol() == 2 && s.subscriptions().active()) {
      // In RESP2 subscribed mode PING answers in the shape of a message.
      return Reply.array(Reply.bulk("pong"), argv.length == 1 ? Reply.EMPTY_BULK : Reply.bulk(argv[1]));
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
    int db = Args.parseInt(argv[1]);
    if (db < 0 || db >= s.config().databases()) {
      throw new CommandException(RespErrors.DB_INDEX_OUT_OF_RANGE);
    }
    s.select(db);
    return Reply.OK;
  }

  /** AUTH [username] password */
  static Reply auth(Session s, byte[][] argv) {
    if (argv.length > 3) {
      throw new CommandException(RespErrors.SYNTAX);
    }
    byte[] user;
    byte[] password;
    if (argv.length == 2) {
      // The one-argument form errs when the default user has no password, as Redis's does.
      if (((AclSession) s).acl().defaultUser().nopass()) {
        throw new CommandException(RespErrors.AUTH_NO_PASSWORD);
      }
      user = DEFAULT_USER.getBytes(StandardCharsets.US_ASCII);
      password = argv[1];
    } else {
      user = argv[1];
      password = argv[2];
    }
    authenticate(s, user, password);
    return Reply.OK;
  }

  /**
   * Checks {@code user}/{@code password} against the ACL users and
   * authenticates the session as that user; otherwise logs the failure in
   * ACL LOG and throws WRONGPASS, leaving the session as it was. Used by AUTH
   * and HELLO ... AUTH.
   */
  static void authenticate(Session s, byte[] user, byte[] password) {
    AclSession as = (AclSession) s;
    String name = new String(user, StandardCharsets.ISO_8859_1);
    AclUser u = as.acl().authenticate(name, password);
    if (u == null) {
      as.acl().logAuthFailure(name, "toplevel", as.clientInfoLine());
      throw new CommandException(RespErrors.WRONGPASS);
    }
    as.setUser(u);
    s.setAuthenticated(true);
  }

  /** HELLO [protover [AUTH username password] [SETNAME clientname]] */
  static Reply hello(Session s, byte[][] argv) {
    int version = 0;
    if (argv.length >= 2) {
      long v = Args.parseLong(argv[1], RespErrors.PROTOCOL_VERSION_NOT_INTEGER);
      if (v < 2 || v > 3) {
        throw new CommandException(RespErrors.NOPROTO);
      }
      version = (int) v;
    }
    // Options take effect in order: an AUTH is kept even if a later option fails.
    String name = null;
    for (int j = 2; j < argv.length; j++) {
      int more = argv.length - 1 - j;
      if (Args.is(argv[j], "AUTH") && more >= 2) {
        authenticate(s, argv[j + 1], argv[j + 2]);
        j += 2;
      } else if (Args.is(argv[j], "SETNAME") && more >= 1) {
        name = ClientCommands.validName(argv[j + 1]);
        j++;
      } else {
        throw new CommandException(RespErrors.helloSyntax(Args.text(argv[j])));
      }
    }
    if (!s.authenticated()) {
      throw new CommandException(RespErrors.NOAUTH_HELLO);
    }
    if (name != null) {
      s.setClientName(name);
    }
    if (version != 0) {
      s.setProtocol(version);
    }
    return Reply.map(List.of(
        Reply.bulk("server"), Reply.bulk("redis"),
        Reply.bulk("version"), Reply.bulk(REDIS_VERSION),
        Reply.bulk("proto"), Reply.integer(s.protocol()),
        Reply.bulk("id"), Reply.integer(s.clientId()),
        Reply.bulk("mode"), Reply.bulk("standalone"),
        Reply.bulk("role"), Reply.bulk(s.server().replication().isReplica() ? "replica" : "master"),
        Reply.bulk("modules"), Reply.EMPTY_ARRAY));
  }

  /**
   * MONITOR: from now on the client receives every command the server runs
   * (but admin ones), as Redis's monitor lines; only QUIT and RESET end it.
   */
  static Reply monitor(Session s, byte[][] argv) {
    s.monitor(); // a second MONITOR changes nothing (Redis does not answer it; Troupe says OK)
    return Reply.OK;
  }

  /**
   * RESET: back to a fresh connection's state — db 0, RESP2, no name, replies
   * on, the default user, and unauthenticated unless it has nopass. (CLIENT
   * NO-EVICT stays, as in Redis 7.0.)
   */
  static Reply reset(Session s, byte[][] argv) {
    s.discard();
    s.stopMonitor();
    if (s.tracking() != null) {
      s.setTracking(null);
    }
    s.subscriptions().clear();
    s.subscriptionsChanged();
    s.select(0);
    s.setProtocol(2);
    s.setClientName("");
    s.setReplyMode("on");
    AclSession as = (AclSession) s;
    AclUser def = as.acl().defaultUser();
    as.setUser(def);
    s.setAuthenticated(def.autoAuthenticates());
    return Reply.status("RESET");
  }
}

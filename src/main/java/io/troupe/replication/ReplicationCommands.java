package io.troupe.replication;

import io.troupe.command.CommandTable;
import io.troupe.command.Session;
import io.troupe.resp.CommandException;
import io.troupe.resp.Reply;
import io.troupe.resp.RespErrors;
import java.nio.charset.StandardCharsets;

/**
 * REPLICAOF/SLAVEOF, REPLCONF, PSYNC/SYNC, WAIT and ROLE: connection-level
 * commands over the node's {@link io.troupe.command.Replication}.
 */
public final class ReplicationCommands {
  private ReplicationCommands() {}

  public static void bind(CommandTable t) {
    t.session("replicaof", ReplicationCommands::replicaof);
    t.session("slaveof", ReplicationCommands::replicaof);
    t.session("replconf", (s, argv) -> s.server().replication().replconf(s, argv));
    t.session("psync", (s, argv) -> s.server().replication().psync(s, argv));
    t.session("sync", (s, argv) -> s.server().replication().psync(s, argv));
    t.session("wait", ReplicationCommands::waitCommand);
    t.session("role", (s, argv) -> s.server().replication().role());
  }

  /** REPLICAOF host port | REPLICAOF NO ONE */
  static Reply replicaof(Session s, byte[][] argv) {
    String host = new String(argv[1], StandardCharsets.UTF_8);
    String port = new String(argv[2], StandardCharsets.UTF_8);
    if (host.equalsIgnoreCase("no") && port.equalsIgnoreCase("one")) {
      return s.server().replication().replicaOf(null, 0);
    }
    long p;
    try {
      p = Long.parseLong(port);
    } catch (NumberFormatException e) {
      throw new CommandException(RespErrors.INVALID_MASTER_PORT);
    }
    if (p < 0 || p > 65535) {
      throw new CommandException(RespErrors.INVALID_MASTER_PORT);
    }
    return s.server().replication().replicaOf(host, (int) p);
  }

  /** WAIT numreplicas timeout */
  static Reply waitCommand(Session s, byte[][] argv) {
    long num;
    try {
      num = Long.parseLong(new String(argv[1], StandardCharsets.US_ASCII));
    } catch (NumberFormatException e) {
      throw new CommandException(RespErrors.NOT_INTEGER);
    }
    long timeout;
    try {
      timeout = Long.parseLong(new String(argv[2], StandardCharsets.US_ASCII));
    } catch (NumberFormatException e) {
      throw new CommandException(RespErrors.TIMEOUT_NOT_INTEGER);
    }
    if (timeout < 0) {
      throw new CommandException(RespErrors.TIMEOUT_NEGATIVE);
    }
    if (s.inMulti()) {
      return Reply.integer(0); // inside a transaction WAIT cannot block
    }
    return s.server().replication().await(s, num, timeout);
  }
}

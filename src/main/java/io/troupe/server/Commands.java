package io.troupe.server;

import io.troupe.acl.AclCommands;
import io.troupe.admin.ServerCommands;
import io.troupe.command.CommandCommand;
import io.troupe.command.CommandTable;
import io.troupe.connection.ConnectionCommands;
import io.troupe.connection.PubSubCommands;
import io.troupe.connection.TransactionCommands;
import io.troupe.keyspace.GenericCommands;
import io.troupe.keyspace.ObjectCommands;
import io.troupe.persistence.rdb.DumpCommands;
import io.troupe.type.hll.HyperLogLogCommands;
import io.troupe.type.sort.SortCommands;
import io.troupe.type.list.ListCommands;
import io.troupe.type.hash.HashCommands;
import io.troupe.type.set.SetCommands;
import io.troupe.type.string.StringCommands;
import io.troupe.type.zset.ZSetCommands;

/** Builds the command table: the specs of commands.json bound to every group's handlers. */
public final class Commands {
  private Commands() {}

  public static CommandTable table() {
    CommandTable t = CommandTable.load();
    ConnectionCommands.bind(t);
    TransactionCommands.bind(t);
    PubSubCommands.bind(t);
    AclCommands.bind(t);
    GenericCommands.bind(t);
    StringCommands.bind(t);
    HyperLogLogCommands.bind(t);
    SortCommands.bind(t);
    ObjectCommands.bind(t);
    DumpCommands.bind(t);
    ZSetCommands.bind(t);
    ListCommands.bind(t);
    HashCommands.bind(t);
    SetCommands.bind(t);
    ServerCommands.bind(t);
    CommandCommand.bind(t);
    io.troupe.replication.ReplicationCommands.bind(t);
    return t.verify();
  }
}

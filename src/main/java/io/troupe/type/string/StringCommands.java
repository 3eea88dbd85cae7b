package io.troupe.type.string;

import io.troupe.keyspace.CommandBinder;
import io.troupe.keyspace.ExecContext;
import io.troupe.resp.Reply;

/**
 * The string commands (Redis's t_string.c and bitops.c): one handler per
 * command, each headed by its syntax line.
 */
public final class StringCommands {
  private StringCommands() {}

  public static void bind(CommandBinder b) {
    b.keyed("get", StringCommands::get);
  }

  /** GET key */
  static Reply get(ExecContext ctx, byte[][] argv) {
    return Reply.bulk(ctx.getString(argv[1]));
  }
}

package io.troupe.keyspace;

import io.troupe.resp.Reply;

/**
 * A command that runs against the keyspace: on the shard that owns its keys,
 * or on the coordinator holding every shard it needs. Throws
 * {@link io.troupe.resp.CommandException} to answer with an error.
 */
@FunctionalInterface
public interface CommandHandler {
  Reply execute(ExecContext ctx, byte[][] argv);
}

package io.troupe.shard;

import io.troupe.keyspace.ExecContext;
import io.troupe.resp.CommandException;
import io.troupe.resp.Reply;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Runs ops against a context, turning handler errors into error replies. */
final class OpRunner {
  private static final Logger log = LoggerFactory.getLogger(OpRunner.class);

  private OpRunner() {}

  static Reply runOne(ExecContext ctx, Op op) {
    ctx.setClient(op.client());
    if (op.trackKeys() != null) {
      for (int k : op.trackKeys()) {
        ctx.trackRead(op.argv()[k], op.client());
      }
    }
    ctx.command(op.argv());
    try {
      Reply r = op.handler().execute(ctx, op.argv());
      ctx.endCommand();
      return r;
    } catch (CommandException e) {
      ctx.endCommand();
      return e.reply();
    } catch (RuntimeException | OutOfMemoryError e) {
      log.error("command failed: {}", new String(op.argv()[0]), e);
      ctx.setClient(0);
      return Reply.error("ERR internal error: " + e.getClass().getSimpleName());
    }
  }
}

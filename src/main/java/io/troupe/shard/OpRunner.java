package io.troupe.shard;

import io.troupe.keyspace.ExecContext;
import io.troupe.resp.CommandException;
import io.troupe.resp.Reply;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Runs ops against a context, turning handler errors into error replies. */
final class OpRunner {
  private static final Logger log = LoggerFactory.getLogger(OpRunner.class);

  private OpRunner() {}

  static Executed run(ExecContext ctx, List<Op> ops) {
    int n = ops.size();
    int[] seqs = new int[n];
    Reply[] replies = new Reply[n];
    long[] nanos = new long[n];
    long now = System.currentTimeMillis();
    for (int i = 0; i < n; i++) {
      Op op = ops.get(i);
      seqs[i] = op.seq();
      long start = System.nanoTime();
      replies[i] = runOne(ctx.reset(op.db(), now), op);
      nanos[i] = System.nanoTime() - start;
    }
    return new Executed(seqs, replies, nanos);
  }

  static Reply runOne(ExecContext ctx, Op op) {
    ctx.setClient(op.client());
    if (op.trackKeys() != null) {
      for (int k : op.trackKeys()) {
        ctx.trackRead(op.argv()[k], op.client());
      }
    }
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

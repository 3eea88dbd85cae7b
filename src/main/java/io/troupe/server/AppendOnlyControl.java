package io.troupe.server;

import io.troupe.command.AppendOnly;
import io.troupe.keyspace.PersistenceState;
import io.troupe.persistence.aof.AofStatus;
import io.troupe.persistence.aof.AofWriter;
import java.util.Map;
import org.apache.pekko.actor.typed.ActorRef;

/** The AOF writer as commands reach it: BGREWRITEAOF and INFO's aof_* fields. */
record AppendOnlyControl(AofStatus status, ActorRef<AofWriter.Command> writer, PersistenceState background)
    implements AppendOnly {
  @Override
  public RewriteStart startRewrite() {
    if (status.rewriteInProgress() || background.running() == PersistenceState.Job.AOF) {
      return RewriteStart.IN_PROGRESS;
    }
    // Claimed here, so a BGSAVE right after this command sees the rewrite; a running BGSAVE
    // makes it wait (aof_rewrite_scheduled).
    if (background.tryStart(PersistenceState.Job.AOF)) {
      writer.tell(new AofWriter.Rewrite(true));
      return RewriteStart.STARTED;
    }
    writer.tell(new AofWriter.Rewrite(false));
    return RewriteStart.SCHEDULED;
  }

  @Override
  public Map<String, Object> statusFields() {
    return status.fields();
  }

  @Override
  public Map<String, Object> sizeFields() {
    return status.sizeFields();
  }
}

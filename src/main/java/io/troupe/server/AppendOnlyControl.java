package io.troupe.server;

import io.troupe.command.AppendOnly;
import io.troupe.persistence.aof.AofStatus;
import io.troupe.persistence.aof.AofWriter;
import java.util.Map;
import org.apache.pekko.actor.typed.ActorRef;

/** The AOF writer as commands reach it: BGREWRITEAOF and INFO's aof_* fields. */
record AppendOnlyControl(AofStatus status, ActorRef<AofWriter.Command> writer) implements AppendOnly {
  @Override
  public boolean startRewrite() {
    if (status.rewriteInProgress()) {
      return false;
    }
    writer.tell(AofWriter.Rewrite.INSTANCE);
    return true;
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

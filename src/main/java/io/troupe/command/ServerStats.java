package io.troupe.command;

import java.util.concurrent.atomic.LongAdder;

/** Server-wide counters for INFO stats that no single shard owns. */
public final class ServerStats {
  public final LongAdder connectionsReceived = new LongAdder();
  public final LongAdder rejectedConnections = new LongAdder();
  public final LongAdder commandsProcessed = new LongAdder();
  public final LongAdder netInputBytes = new LongAdder();
  public final LongAdder netOutputBytes = new LongAdder();
  public final LongAdder unexpectedErrorReplies = new LongAdder();
  public final LongAdder totalErrorReplies = new LongAdder();

  public void reset() {
    connectionsReceived.reset();
    rejectedConnections.reset();
    commandsProcessed.reset();
    netInputBytes.reset();
    netOutputBytes.reset();
    totalErrorReplies.reset();
  }
}

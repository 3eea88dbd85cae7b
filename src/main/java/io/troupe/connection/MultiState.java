package io.troupe.connection;

import io.troupe.command.CommandDef;
import java.util.ArrayList;
import java.util.List;

/**
 * A client's open transaction (between MULTI and EXEC/DISCARD): the queued
 * commands, and whether one was refused while queueing, which makes EXEC
 * answer EXECABORT (Redis's CLIENT_DIRTY_EXEC).
 */
final class MultiState {
  private final List<byte[][]> argvs = new ArrayList<>();
  private final List<CommandDef> defs = new ArrayList<>();
  private boolean aborted;

  void queue(byte[][] argv, CommandDef def) {
    argvs.add(argv);
    defs.add(def);
  }

  int size() {
    return argvs.size();
  }

  byte[][] argv(int i) {
    return argvs.get(i);
  }

  CommandDef def(int i) {
    return defs.get(i);
  }

  void abort() {
    aborted = true;
  }

  boolean aborted() {
    return aborted;
  }
}

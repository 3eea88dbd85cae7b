package io.troupe.multijvm;

import java.nio.file.Path;

/**
 * The replication scenarios against real redis-server processes: the
 * reference for what {@link ReplicationMultiJvmIT} expects of Troupe, and a
 * check of the harness. Skipped where redis-server is not installed.
 */
class RedisReplicationMultiJvmIT extends ReplicationScenarios {
  @Override
  ServerProcess startServer(String name, Path dir, String... args) {
    // Full syncs at once, not after diskless sync's 5 s gathering delay.
    String[] all = new String[args.length + 2];
    all[0] = "--repl-diskless-sync-delay";
    all[1] = "0";
    System.arraycopy(args, 0, all, 2, args.length);
    return RedisNode.start(name, dir, all);
  }

  @Override
  String prefix() {
    return "redis-repl";
  }
}

package io.troupe.multijvm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import redis.clients.jedis.Jedis;

/**
 * Issue #6's replication scenarios, written against Redis 7.0's documented
 * behaviour (PSYNC2: the replication id and offset are kept in the RDB, a
 * promoted replica keeps its old id as replid2 and serves partial resyncs to
 * its former siblings; WAIT counts replicas that acknowledged). Subclasses say
 * which server runs: {@link RedisReplicationMultiJvmIT} (real redis-server, the
 * reference) and {@link ReplicationMultiJvmIT} (Troupe).
 */
abstract class ReplicationScenarios {
  static final Duration SYNC = Duration.ofSeconds(60);

  @TempDir
  Path tmp;

  private final List<ServerProcess> nodes = new ArrayList<>();

  /** Starts a server of the kind under test on a free port in {@code dir}, waiting for PING. */
  abstract ServerProcess startServer(String name, Path dir, String... args);

  /** A name prefix for the nodes' log files. */
  abstract String prefix();

  ServerProcess node(String name, String... args) {
    return track(startServer(prefix() + "-" + name, tmp.resolve(name), args));
  }

  /** Closes {@code n} (kills it if it runs) after the test. */
  ServerProcess track(ServerProcess n) {
    nodes.add(n);
    return n;
  }

  /** A node made a replica of {@code master} with the REPLICAOF command once it runs. */
  ServerProcess replicaOf(String name, Node master, String... args) {
    ServerProcess n = node(name, args);
    try (Jedis j = n.client()) {
      j.replicaof(master.host(), master.port());
    }
    return n;
  }

  /** A node started with the {@code replicaof} directive, so a restart is a replica from the start. */
  ServerProcess replicaOfDirective(String name, Node master, String... args) {
    List<String> a = new ArrayList<>(List.of("--replicaof", master.host(), Integer.toString(master.port())));
    a.addAll(List.of(args));
    return node(name, a.toArray(new String[0]));
  }

  @AfterEach
  void closeNodes() {
    for (ServerProcess n : nodes) {
      n.close();
    }
  }

  /** A number from INFO: sync_* fields are in stats, the others in replication. */
  static long field(Node node, String name) {
    return Replication.number(node, name.startsWith("sync_") ? "stats" : "replication", name);
  }

  /**
   * Full sync, then streaming: the replica ends with the master's keyspace.
   * Streams are written only when both sides have them.
   */
  static void writeAndCompare(ServerProcess master, ServerProcess replica) {
    boolean streams;
    try (Jedis m = master.client(); Jedis r = replica.client()) {
      streams = MixedWrites.hasStreams(m) && MixedWrites.hasStreams(r);
    }
    try (Jedis j = master.client()) {
      MixedWrites.rounds(j, 0, 3_000, streams); // before the replica syncs: goes over in the RDB
    }
    try (Jedis j = replica.client()) {
      j.replicaof(master.host(), master.port());
    }
    Replication.awaitLinkUp(replica, SYNC);
    try (Jedis j = master.client()) {
      MixedWrites.rounds(j, 3_000, 6_000, streams); // after: goes over as the command stream
    }
    Replication.awaitCaughtUp(master, SYNC, replica);
    Keyspaces.assertSame(master, replica);
  }

  @Test
  void aReplicaAttachedToALoadedMasterGetsEveryKeyThenTheStream() {
    writeAndCompare(node("master"), node("replica"));
  }

  @Test
  void aReplicaKilledAndRestartedResumesWithAPartialResync() {
    ServerProcess master = node("master", "--repl-backlog-size", "64mb");
    ServerProcess r1 = replicaOfDirective("replica1", master);
    ServerProcess r2 = replicaOf("replica2", master);
    Replication.awaitLinkUp(r1, SYNC);
    Replication.awaitLinkUp(r2, SYNC);
    try (Replication.WriteLoad load = new Replication.WriteLoad(master, 0)) {
      load.awaitRounds(2_000, SYNC);
      // The replica's RDB keeps its replication id and offset (PSYNC2), so the
      // restarted process can ask for the rest instead of everything.
      try (Jedis j = r1.client()) {
        assertEquals("OK", j.save());
      }
      long partialBefore = field(master, "sync_partial_ok");
      long fullBefore = field(master, "sync_full");
      r1.kill9();
      // Writes go on while it is down; it must get them from the backlog.
      load.awaitRounds(load.rounds() + 1_000, SYNC);
      r1.restart();
      Replication.awaitLinkUp(r1, SYNC);
      assertEquals(partialBefore + 1, field(master, "sync_partial_ok"), "the restarted replica resynced partially");
      assertEquals(fullBefore, field(master, "sync_full"), "no full resync");
      load.awaitRounds(load.rounds() + 500, SYNC);
      load.stop(false);
    }
    Replication.awaitCaughtUp(master, SYNC, r1, r2);
    Keyspaces.assertSame(master, r1);
    Keyspaces.assertSame(master, r2);
  }

  @Test
  void aPromotedReplicaServesItsFormerSiblingAPartialResyncWithoutDivergence() {
    ServerProcess master = node("master", "--repl-backlog-size", "64mb");
    ServerProcess r1 = replicaOf("replica1", master, "--repl-backlog-size", "64mb");
    ServerProcess r2 = replicaOf("replica2", master);
    Replication.awaitLinkUp(r1, SYNC);
    Replication.awaitLinkUp(r2, SYNC);
    try (Replication.WriteLoad load = new Replication.WriteLoad(master, 0)) {
      load.awaitRounds(2_000, SYNC);
      load.stop(false);
    }
    Replication.awaitCaughtUp(master, SYNC, r1, r2);
    String oldReplid = Replication.info(master, "replication").get("master_replid");
    master.kill9();

    try (Jedis j = r1.client()) {
      assertEquals("OK", j.replicaofNoOne());
    }
    Map<String, String> promoted = Replication.info(r1, "replication");
    assertEquals("master", promoted.get("role"));
    assertEquals(oldReplid, promoted.get("master_replid2"), "the old replication id is kept as replid2");
    long partialBefore = field(r1, "sync_partial_ok");
    try (Jedis j = r2.client()) {
      assertEquals("OK", j.replicaof(r1.host(), r1.port()));
    }
    Replication.awaitLinkUp(r2, SYNC);
    assertEquals(partialBefore + 1, field(r1, "sync_partial_ok"), "the sibling continued from replid2");
    assertEquals(0, field(r1, "sync_full"), "no full resync");
    Keyspaces.assertSame(r1, r2);

    // The new master's writes reach its replica.
    try (Replication.WriteLoad load = new Replication.WriteLoad(r1, 100_000)) {
      load.awaitRounds(500, SYNC);
      load.stop(false);
    }
    Replication.awaitCaughtUp(r1, SYNC, r2);
    Keyspaces.assertSame(r1, r2);
  }

  @Test
  void writesThatWaitAcknowledgedAreOnEveryReplica() {
    ServerProcess master = node("master");
    ServerProcess r1 = replicaOf("replica1", master);
    ServerProcess r2 = replicaOf("replica2", master);
    Replication.awaitLinkUp(r1, SYNC);
    Replication.awaitLinkUp(r2, SYNC);
    List<String> acknowledged = new ArrayList<>();
    try (Jedis j = master.client()) {
      for (int i = 0; i < 300; i++) {
        String key = "acked:" + i;
        j.set(key, Integer.toString(i));
        j.rpush("acked-list", key);
        if (j.waitReplicas(2, 5_000) == 2) {
          acknowledged.add(key);
        }
      }
    }
    assertTrue(acknowledged.size() >= 290, "WAIT 2 acknowledged " + acknowledged.size() + " of 300");
    // Read at once: WAIT's acknowledgement means the replicas have applied them.
    for (ServerProcess r : List.of(r1, r2)) {
      try (Jedis j = r.client()) {
        for (String key : acknowledged) {
          assertEquals(key.substring("acked:".length()), j.get(key), r.name() + " " + key);
        }
        List<String> list = j.lrange("acked-list", 0, -1);
        assertTrue(list.containsAll(acknowledged), r.name() + " has every acknowledged push");
      }
    }
  }
}

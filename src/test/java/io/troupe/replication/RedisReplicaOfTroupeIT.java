package io.troupe.replication;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.troupe.TestServer;
import io.troupe.persistence.rdb.RealRedis;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.Jedis;

/** A real redis-server 7.0 replica of a Troupe master: full sync (diskless and disk), stream, WAIT, partial resync. */
class RedisReplicaOfTroupeIT {
  private static TestServer master;
  private static RealRedis replica;

  @BeforeAll
  static void start() throws Exception {
    assumeTrue(RealRedis.installed(), "redis-server not installed");
    master = TestServer.start("--repl-diskless-sync-delay", "0");
    Path dir = Files.createTempDirectory("repl-replica-");
    replica = RealRedis.start(22110, dir, "dump.rdb");
  }

  @AfterAll
  static void stop() {
    if (replica != null) {
      replica.close();
    }
    if (master != null) {
      master.close();
    }
  }

  private static Jedis masterClient() {
    return new Jedis(master.host(), master.port(), 10_000);
  }

  private static void awaitInSync(Jedis m, Jedis r) {
    Datasets.await(20_000, "replica offset", () -> {
      String mo = Datasets.info(m, "replication", "master_repl_offset");
      return mo.equals(Datasets.info(r, "replication", "slave_repl_offset"));
    });
  }

  @Test
  void realReplicaFollowsTroupeKeyByKey() {
    try (Jedis m = masterClient(); Jedis r = replica.jedis()) {
      Datasets.diagnostics = () -> {
        try (Jedis a = masterClient(); Jedis b = replica.jedis()) {
          return a.info("replication") + "\n---\n" + b.info("replication");
        }
      };
      Datasets.mixedLoad(m, 2000, 11);
      assertEquals("OK", r.replicaof(master.host(), master.port()));
      Datasets.await(20_000, "link up", () -> "up".equals(Datasets.info(r, "replication", "master_link_status")));
      Datasets.mixedLoad(m, 3000, 12);
      awaitInSync(m, r);
      Datasets.assertSameData(m, r);
      assertEquals(Datasets.info(m, "replication", "master_replid"), Datasets.info(r, "replication", "master_replid"));
      assertEquals("1", Datasets.info(m, "stats", "sync_full"));

      // INFO and ROLE on the master side.
      Datasets.await(5_000, "online", () -> Datasets.info(m, "replication", "slave0").startsWith(
          "ip=127.0.0.1,port=" + replica.port + ",state=online,offset="));
      assertEquals("1", Datasets.info(m, "replication", "connected_slaves"));
      assertEquals("1", Datasets.info(m, "replication", "repl_backlog_active"));
      List<Object> role = m.role();
      assertEquals("master", role.get(0));
      assertEquals(1, ((List<?>) role.get(2)).size());

      // WAIT counts the replica's ACK.
      m.set("waited", "1");
      assertEquals(1L, m.waitReplicas(1, 5000));
      assertEquals("1", r.get("waited"));
      assertEquals(1L, m.waitReplicas(2, 300)); // times out with what it has

      // The link drops: the replica continues from the backlog.
      long partial = Long.parseLong(Datasets.info(m, "stats", "sync_partial_ok"));
      r.clientKill(new redis.clients.jedis.params.ClientKillParams().type(
          redis.clients.jedis.args.ClientType.MASTER));
      Datasets.mixedLoad(m, 500, 13);
      Datasets.await(20_000, "partial resync",
          () -> Long.parseLong(Datasets.info(m, "stats", "sync_partial_ok")) == partial + 1);
      awaitInSync(m, r);
      Datasets.assertSameData(m, r);
      assertEquals("1", Datasets.info(m, "stats", "sync_full"));

      // Disk-based full sync ($len form) after the replica forgets its history.
      m.configSet("repl-diskless-sync", "no");
      r.replicaofNoOne();
      r.flushAll();
      r.configSet("repl-diskless-load", "disabled");
      r.set("local", "gone after the sync");
      assertEquals("OK", r.replicaof(master.host(), master.port()));
      Datasets.await(20_000, "link up", () -> "up".equals(Datasets.info(r, "replication", "master_link_status")));
      awaitInSync(m, r);
      Datasets.assertSameData(m, r);
      assertTrue(Long.parseLong(Datasets.info(m, "stats", "sync_full")) >= 1);
    } finally {
      Datasets.diagnostics = null;
    }
  }
}

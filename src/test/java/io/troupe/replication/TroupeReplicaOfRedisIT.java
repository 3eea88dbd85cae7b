package io.troupe.replication;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
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
import redis.clients.jedis.exceptions.JedisDataException;

/** A Troupe replica of a real redis-server 7.0 master: full sync, streaming, partial resync, read-only. */
class TroupeReplicaOfRedisIT {
  private static RealRedis master;
  private static TestServer replica;

  @BeforeAll
  static void start() throws Exception {
    assumeTrue(RealRedis.installed(), "redis-server not installed");
    Path dir = Files.createTempDirectory("repl-master-");
    master = RealRedis.start(22100, dir, "dump.rdb", "--repl-diskless-sync-delay", "0");
    replica = TestServer.start();
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

  private static Jedis replicaClient() {
    return new Jedis(replica.host(), replica.port(), 10_000);
  }

  @Test
  void followsRealMasterKeyByKey() {
    try (Jedis m = master.jedis(); Jedis r = replicaClient()) {
      m.flushAll();
      Datasets.diagnostics = () -> {
        try (Jedis d = replicaClient()) {
          return d.info("replication");
        }
      };
      Datasets.mixedLoad(m, 2000, 1);
      assertEquals("OK", r.replicaof("127.0.0.1", master.port));
      Datasets.await(15_000, "link up", () -> "up".equals(Datasets.info(r, "replication", "master_link_status")));
      Datasets.mixedLoad(m, 3000, 2); // streamed
      Datasets.await(15_000, "replica offset",
          () -> Datasets.info(m, "replication", "master_repl_offset").equals(
              Datasets.info(r, "replication", "slave_repl_offset")));
      String offset = Datasets.info(r, "replication", "slave_repl_offset");
      Datasets.assertSameData(m, r);
      assertEquals(offset, Datasets.info(r, "replication", "master_repl_offset"));
      assertEquals(Datasets.info(m, "replication", "master_replid"), Datasets.info(r, "replication", "master_replid"));

      JedisDataException ro = assertThrows(JedisDataException.class, () -> r.set("x", "1"));
      assertEquals("READONLY You can't write against a read only replica.", ro.getMessage());
      assertEquals("OK Already connected to specified master", r.replicaof("127.0.0.1", master.port));
      List<Object> role = r.role();
      assertEquals("slave", role.get(0));
      assertEquals("127.0.0.1", role.get(1));
      assertEquals((long) master.port, role.get(2));
      assertEquals("connected", role.get(3));

      // The master sees us online, with our listening port.
      Datasets.await(5_000, "online", () -> Datasets.info(m, "replication", "slave0") != null
          && Datasets.info(m, "replication", "slave0").contains("port=" + replica.port() + ",state=online"));

      // Partial resync after the master drops the link.
      long partialBefore = Long.parseLong(Datasets.info(m, "stats", "sync_partial_ok"));
      m.clientKill(new redis.clients.jedis.params.ClientKillParams().type(
          redis.clients.jedis.args.ClientType.REPLICA));
      Datasets.mixedLoad(m, 500, 3);
      Datasets.await(15_000, "partial resync",
          () -> Long.parseLong(Datasets.info(m, "stats", "sync_partial_ok")) == partialBefore + 1);
      Datasets.await(15_000, "replica offset",
          () -> Datasets.info(m, "replication", "master_repl_offset").equals(
              Datasets.info(r, "replication", "slave_repl_offset")));
      String offset2 = Datasets.info(r, "replication", "slave_repl_offset");
      Datasets.assertSameData(m, r);

      // Promotion keeps the master's history as replid2.
      String replid = Datasets.info(m, "replication", "master_replid");
      assertEquals("OK", r.replicaofNoOne());
      assertEquals("master", Datasets.info(r, "replication", "role"));
      assertEquals(replid, Datasets.info(r, "replication", "master_replid2"));
      assertEquals(Long.parseLong(offset2) + 1, Long.parseLong(Datasets.info(r, "replication", "second_repl_offset")));
      assertEquals("OK", r.set("x", "1"));
    }
  }
}

package io.troupe.replication;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.troupe.TestServer;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.exceptions.JedisDataException;

/** Troupe master and Troupe replicas: WAIT, min-replicas, stale data, expiry on replicas, failover via replid2. */
class TroupeReplicationIT {

  private static final redis.clients.jedis.commands.ProtocolCommand DEBUG =
      () -> "DEBUG".getBytes(java.nio.charset.StandardCharsets.US_ASCII);

  private static Jedis client(TestServer s) {
    return new Jedis(s.host(), s.port(), 10_000);
  }

  private static void awaitInSync(Jedis m, Jedis r) {
    Datasets.await(20_000, "replica offset", () -> Datasets.info(m, "replication", "master_repl_offset")
        .equals(Datasets.info(r, "replication", "slave_repl_offset")));
  }

  @Test
  void failoverWithPartialResyncOfTheSibling() {
    try (TestServer master = TestServer.start("--repl-diskless-sync-delay", "0");
        TestServer r1 = TestServer.start("--repl-diskless-sync-delay", "0");
        TestServer r2 = TestServer.start();
        Jedis m = client(master); Jedis a = client(r1); Jedis b = client(r2)) {
      Datasets.mixedLoad(m, 1000, 21);
      a.replicaof(master.host(), master.port());
      b.replicaof(master.host(), master.port());
      Datasets.await(20_000, "links up", () -> "up".equals(Datasets.info(a, "replication", "master_link_status"))
          && "up".equals(Datasets.info(b, "replication", "master_link_status")));
      Datasets.mixedLoad(m, 2000, 22);
      assertEquals(2L, m.waitReplicas(2, 10_000));
      awaitInSync(m, a);
      awaitInSync(m, b);
      Datasets.assertSameData(m, a);
      Datasets.assertSameData(m, b);

      // The master goes away; r1 is promoted, r2 follows it and continues partially (replid2).
      master.close();
      assertEquals("OK", a.replicaofNoOne());
      long fullBefore = Long.parseLong(Datasets.info(a, "stats", "sync_full"));
      assertEquals("OK", b.replicaof(r1.host(), r1.port()));
      Datasets.await(20_000, "partial resync with the promoted replica",
          () -> "1".equals(Datasets.info(a, "stats", "sync_partial_ok")));
      assertEquals(fullBefore, Long.parseLong(Datasets.info(a, "stats", "sync_full")));
      a.set("after", "failover");
      assertEquals(1L, a.waitReplicas(1, 10_000));
      assertEquals("failover", b.get("after"));
      Datasets.assertSameData(a, b);
    }
  }

  @Test
  void replicaDoesNotExpireKeysItself() {
    try (TestServer master = TestServer.start("--repl-diskless-sync-delay", "0", "--enable-debug-command", "yes");
        TestServer replica = TestServer.start();
        Jedis m = client(master); Jedis r = client(replica)) {
      r.replicaof(master.host(), master.port());
      Datasets.await(20_000, "link up", () -> "up".equals(Datasets.info(r, "replication", "master_link_status")));
      // The master does not expire it either (active expiry off, key not touched).
      m.sendCommand(DEBUG, "set-active-expire", "0");
      m.psetex("short", 100, "v");
      assertEquals(1L, m.waitReplicas(1, 10_000));
      Datasets.await(5_000, "expired", () -> r.get("short") == null);
      // Logically expired: absent to readers, but still held until the master's DEL.
      assertEquals(-2L, r.pttl("short"));
      assertEquals(1L, r.dbSize());
      m.sendCommand(DEBUG, "set-active-expire", "1");
      Datasets.await(5_000, "master's DEL", () -> r.dbSize() == 0);
    }
  }

  @Test
  void minReplicasAndStaleData() {
    try (TestServer master = TestServer.start("--repl-diskless-sync-delay", "0", "--min-replicas-to-write", "1");
        TestServer replica = TestServer.start();
        Jedis m = client(master); Jedis r = client(replica)) {
      JedisDataException e = assertThrows(JedisDataException.class, () -> m.set("k", "v"));
      assertEquals("NOREPLICAS Not enough good replicas to write.", e.getMessage());
      assertEquals(null, m.get("k")); // reads are fine
      r.replicaof(master.host(), master.port());
      Datasets.await(20_000, "good replica", () -> "1".equals(Datasets.info(m, "replication", "min_slaves_good_slaves")));
      assertEquals("OK", m.set("k", "v"));
      assertEquals(1L, m.waitReplicas(1, 10_000));

      r.configSet("replica-serve-stale-data", "no");
      r.replicaof("127.0.0.1", TestServer.freePort()); // nobody there: the link stays down
      JedisDataException stale = assertThrows(JedisDataException.class, () -> r.get("k"));
      assertEquals("MASTERDOWN Link with MASTER is down and replica-serve-stale-data is set to 'no'.",
          stale.getMessage());
      assertEquals("down", Datasets.info(r, "replication", "master_link_status"));
      r.configSet("replica-serve-stale-data", "yes");
      assertEquals("v", r.get("k"));
      JedisDataException w = assertThrows(JedisDataException.class, () -> r.waitReplicas(1, 10));
      assertEquals("ERR WAIT cannot be used with replica instances. Please also note that since Redis 4.0 if a "
          + "replica is configured to be writable (which is not the default) writes to replicas are just local "
          + "and are not propagated.", w.getMessage());
      r.replicaofNoOne();
      assertNull(Datasets.info(r, "replication", "master_host"));
    }
  }
}

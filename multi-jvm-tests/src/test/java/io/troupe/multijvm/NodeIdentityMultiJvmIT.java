package io.troupe.multijvm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import redis.clients.jedis.Jedis;

/**
 * The node id (Pekko Persistence, an H2 journal in the node's dir) survives
 * kill -9 and restart on the same dir; a fresh dir is a new node; INFO's
 * run_id changes on every start, as Redis's does.
 */
class NodeIdentityMultiJvmIT {
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir
  Path tmp;

  /** The node_id that /troupe/info shows, once the journal has recovered or assigned it. */
  private static String nodeId(TroupeNode node) throws Exception {
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while (true) {
      try {
        JsonNode id = JSON.readTree(node.http("/troupe/info")).path("node").path("node_id");
        if (id.isTextual()) {
          return id.asText();
        }
      } catch (java.io.UncheckedIOException notYet) {
        // Management HTTP binds just after "Ready to accept connections".
      }
      if (System.nanoTime() > deadline) {
        throw new AssertionError("no node_id after 30 s:\n" + node.logTail());
      }
      Thread.sleep(100);
    }
  }

  private static String runId(Node node) {
    try (Jedis j = node.client()) {
      for (String line : j.info("server").split("\r\n")) {
        if (line.startsWith("run_id:")) {
          return line.substring("run_id:".length());
        }
      }
    }
    throw new AssertionError("no run_id in INFO server");
  }

  @Test
  void theNodeIdSurvivesKillNineAndAFreshDirIsANewNode() throws Exception {
    Path dirA = tmp.resolve("a");
    try (TroupeNode a = TroupeNode.start("identity-a", dirA)) {
      String id = nodeId(a);
      assertTrue(id.matches("[0-9a-f]{40}"), id);
      assertTrue(Files.exists(dirA.resolve("troupe-state.mv.db")), "the H2 journal lives in the node's dir");
      assertTrue(a.logLines().stream().anyMatch(l -> l.contains("Node id " + id + " created")), a.logTail());
      String run1 = runId(a);

      a.kill9();
      a.restart();
      assertEquals(id, nodeId(a));
      assertTrue(a.logLines().stream().anyMatch(l -> l.endsWith("Node id " + id)), a.logTail());
      assertNotEquals(run1, runId(a), "run_id changes on every start");

      try (TroupeNode b = TroupeNode.start("identity-b", tmp.resolve("b"))) {
        String other = nodeId(b);
        assertTrue(other.matches("[0-9a-f]{40}"), other);
        assertNotEquals(id, other);
      }
    }
  }

  @Test
  void aJournalHeldByAnotherNodeIsRetriedWhileTheNodeServes() throws Exception {
    Path dir = tmp.resolve("shared");
    try (TroupeNode first = TroupeNode.start("identity-holder", dir)) {
      String id = nodeId(first);
      try (TroupeNode second = TroupeNode.start("identity-waiter", dir)) {
        // The H2 file is locked by the first node: the second serves RESP and retries the journal.
        Replication.await(Duration.ofSeconds(30), "the locked-journal warning",
            () -> second.logLines().stream().anyMatch(l -> l.contains("the journal failed (retrying)")
                && l.contains("locked")));
        try (Jedis j = second.client()) {
          assertEquals("PONG", j.ping());
        }
        assertTrue(JSON.readTree(second.http("/troupe/info")).at("/node/node_id").isNull());
        first.kill9();
        assertEquals(id, nodeId(second), "the journal's id, once the file is free");
      }
    }
  }
}

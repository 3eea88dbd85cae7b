package io.troupe.multijvm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.exceptions.JedisConnectionException;

/** A node frozen with SIGSTOP: clients time out; after SIGCONT it serves again, with its data. */
class PauseMultiJvmIT {
  @TempDir
  Path tmp;

  @Test
  void aPausedNodeTimesClientsOutAndServesAgainAfterSigcont() {
    try (TroupeNode node = TroupeNode.start("pause", tmp)) {
      try (Jedis j = node.client()) {
        assertEquals("OK", j.set("k", "v"));
      }
      Jedis waiting = node.client(5_000);
      waiting.ping();
      node.pause();
      try {
        // The kernel still accepts the connection (backlog); no reply comes
        // (Jedis's connection set-up, CLIENT SETINFO, already times out).
        assertThrows(JedisConnectionException.class, () -> {
          try (Jedis j = node.client(500)) {
            j.ping();
          }
        });
        waiting.getClient().setSoTimeout(500);
        assertThrows(JedisConnectionException.class, () -> waiting.get("k"));
      } finally {
        node.resume();
        waiting.close();
      }
      node.awaitPing(java.time.Duration.ofSeconds(10));
      try (Jedis j = node.client()) {
        assertEquals("v", j.get("k"));
        assertEquals("OK", j.set("k2", "v2"));
        assertEquals("v2", j.get("k2"));
      }
    }
  }
}

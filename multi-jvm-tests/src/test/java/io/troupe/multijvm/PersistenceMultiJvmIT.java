package io.troupe.multijvm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.SortedMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import redis.clients.jedis.Jedis;

/** RDB durability across process ends: SIGTERM saves, kill -9 keeps only what was saved. */
class PersistenceMultiJvmIT {
  @TempDir
  Path tmp;

  @Test
  void sigtermSavesAndARestartOnTheSameDirHasEveryKey() {
    try (TroupeNode node = TroupeNode.start("persistence-sigterm", tmp)) {
      try (Jedis j = node.client()) {
        MixedWrites.rounds(j, 0, 2_000);
      }
      SortedMap<String, String> before = Keyspaces.snapshot(node);
      assertTrue(before.size() > 500, "keys written: " + before.size());

      int code = node.stop(Duration.ofSeconds(60));
      assertTrue(Files.exists(tmp.resolve("dump.rdb")), "dump.rdb written at SIGTERM");
      assertTrue(node.logLines().stream().anyMatch(l -> l.contains("Saving the final RDB snapshot before exiting")),
          node.logTail());
      // Redis exits 0; a JVM ended by SIGTERM exits 143 unless it halts, which would
      // skip the AppCDS dump at exit that bin/troupe-server relies on.
      assertTrue(code == 0 || code == 143, "exit code " + code);

      node.restart();
      Keyspaces.assertSame(before, node);
    }
  }

  @Test
  void killNineKeepsWhatWasSavedAndLosesWhatWasNot() {
    // No save points: only the explicit SAVE reaches the disk.
    try (TroupeNode node = TroupeNode.start("persistence-kill9", tmp, "--save", "")) {
      SortedMap<String, String> saved;
      try (Jedis j = node.client()) {
        MixedWrites.rounds(j, 0, 500);
        assertEquals("OK", j.save());
        saved = Keyspaces.snapshot(node);
        j.set("after-save", "lost on kill -9");
      }
      node.kill9();
      node.restart();
      Keyspaces.assertSame(saved, node);
      try (Jedis j = node.client()) {
        assertNull(j.get("after-save"));
      }
    }
  }
}

package io.troupe.multijvm;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import redis.clients.jedis.Jedis;

/**
 * The harness's comparison: Troupe and a real redis-server fed the same mixed
 * writes hold the same keys and values (streams left out while Troupe has
 * none); one differing value, a missing key or a lost TTL is reported.
 */
class KeyspacesMultiJvmIT {
  @TempDir
  Path tmp;

  @Test
  void troupeAndRedisFedTheSameWritesHoldTheSameKeysAndDifferencesAreNamed() {
    RedisNode.assumeInstalled();
    try (TroupeNode troupe = TroupeNode.start("keyspaces-troupe", tmp.resolve("troupe"));
         RedisNode redis = RedisNode.start("keyspaces-redis", tmp.resolve("redis"))) {
      try (Jedis t = troupe.client(); Jedis r = redis.client()) {
        MixedWrites.rounds(t, 0, 1_500, false);
        MixedWrites.rounds(r, 0, 1_500, false);
      }
      Keyspaces.assertSame(troupe, redis);
      assertTrue(Keyspaces.snapshot(troupe).size() > 500);

      try (Jedis t = troupe.client()) {
        t.hset("hash:3", "f1", "changed");
      }
      AssertionError changed = assertThrows(AssertionError.class, () -> Keyspaces.assertSame(troupe, redis));
      assertTrue(changed.getMessage().startsWith("1 of "), changed.getMessage());
      assertTrue(changed.getMessage().contains("0:" + hex("hash:3")), changed.getMessage());

      try (Jedis r = redis.client()) {
        r.hset("hash:3", "f1", "changed");
        r.persist("ttl:0");
        r.select(1);
        r.set("only-here", "x");
      }
      AssertionError two = assertThrows(AssertionError.class, () -> Keyspaces.assertSame(troupe, redis));
      assertTrue(two.getMessage().startsWith("2 of "), two.getMessage());
      assertTrue(two.getMessage().contains("1:" + hex("only-here") + ": keyspaces-troupe=(missing)"),
          two.getMessage());
    }
  }

  private static String hex(String s) {
    return java.util.HexFormat.of().formatHex(s.getBytes(java.nio.charset.StandardCharsets.UTF_8));
  }
}

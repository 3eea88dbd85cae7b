package io.troupe.replication;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.Pipeline;
import redis.clients.jedis.params.ScanParams;
import redis.clients.jedis.resps.ScanResult;
import redis.clients.jedis.resps.Tuple;

/**
 * Test helpers for replication: a mixed write load over every data type, and
 * a canonical dump of a server's keys (type, value, whether it has a TTL) to
 * compare a master with its replica key by key, whatever encodings each uses.
 */
final class Datasets {
  private Datasets() {}

  /** {@code n} writes over strings, lists, hashes, sets, sorted sets, HLL, TTLs, deletes, in dbs 0 and 1. */
  static void mixedLoad(Jedis j, int n, long seed) {
    Random r = new Random(seed);
    Pipeline p = j.pipelined();
    for (int i = 0; i < n; i++) {
      int db = r.nextInt(4) == 0 ? 1 : 0;
      p.select(db);
      String k = "k" + r.nextInt(200);
      switch (r.nextInt(14)) {
        case 0 -> p.set("s:" + k, "v" + r.nextInt(1000));
        case 1 -> p.incrBy("n:" + k, r.nextInt(100));
        case 2 -> p.append("s:" + k, "x");
        case 3 -> p.rpush("l:" + k, "a" + r.nextInt(50), "b" + r.nextInt(50));
        case 4 -> p.lpop("l:" + k);
        case 5 -> p.hset("h:" + k, "f" + r.nextInt(20), "v" + r.nextInt(100));
        case 6 -> p.sadd("set:" + k, "m" + r.nextInt(30));
        case 7 -> p.srem("set:" + k, "m" + r.nextInt(30));
        case 8 -> p.zadd("z:" + k, r.nextInt(100) / 7.0, "m" + r.nextInt(30));
        case 9 -> p.zincrby("z:" + k, 1.5, "m" + r.nextInt(30));
        case 10 -> p.pfadd("hll:" + k, "e" + r.nextInt(1000));
        case 11 -> p.expire("s:" + k, 1000 + r.nextInt(1000));
        case 12 -> p.del("s:" + k, "l:" + k);
        default -> p.incrByFloat("f:" + k, 0.25);
      }
    }
    p.select(0);
    p.sync();
  }

  /** Every key of dbs 0..{@code dbs-1}: "db:key" → "type:value[:ttl]". */
  static Map<String, String> dump(Jedis j, int dbs) {
    Map<String, String> out = new TreeMap<>();
    for (int db = 0; db < dbs; db++) {
      j.select(db);
      List<String> keys = new ArrayList<>();
      String cursor = ScanParams.SCAN_POINTER_START;
      do {
        ScanResult<String> sr = j.scan(cursor, new ScanParams().count(1000));
        keys.addAll(sr.getResult());
        cursor = sr.getCursor();
      } while (!cursor.equals(ScanParams.SCAN_POINTER_START));
      for (String k : keys) {
        String type = j.type(k);
        String v = switch (type) {
          case "string" -> new String(j.get(k.getBytes(StandardCharsets.UTF_8)), StandardCharsets.ISO_8859_1);
          case "list" -> j.lrange(k, 0, -1).toString();
          case "hash" -> new TreeMap<>(j.hgetAll(k)).toString();
          case "set" -> new java.util.TreeSet<>(j.smembers(k)).toString();
          case "zset" -> {
            StringBuilder sb = new StringBuilder();
            for (Tuple t : j.zrangeWithScores(k, 0, -1)) {
              sb.append(t.getElement()).append('=').append(t.getScore()).append(',');
            }
            yield sb.toString();
          }
          case "none" -> "gone";
          default -> type;
        };
        out.put(db + ":" + k, type + ":" + v + (j.pttl(k) > 0 ? ":ttl" : ""));
      }
    }
    j.select(0);
    return out;
  }

  /** Fails with the keys that differ when {@code replica}'s dataset is not {@code master}'s. */
  static void assertSameData(Jedis master, Jedis replica) {
    Map<String, String> a = dump(master, 2);
    Map<String, String> b = dump(replica, 2);
    if (a.equals(b)) {
      return;
    }
    StringBuilder sb = new StringBuilder("datasets differ (" + a.size() + " vs " + b.size() + " keys):");
    java.util.Set<String> keys = new java.util.TreeSet<>(a.keySet());
    keys.addAll(b.keySet());
    int shown = 0;
    for (String k : keys) {
      if (!java.util.Objects.equals(a.get(k), b.get(k)) && shown++ < 20) {
        sb.append("\n  ").append(k).append(": ").append(a.get(k)).append(" | ").append(b.get(k));
      }
    }
    throw new AssertionError(sb.toString());
  }

  /** What a timed-out wait reports (set by a test). */
  static java.util.function.Supplier<String> diagnostics;

  /** Waits until {@code check} holds (polling), or fails after {@code millis}. */
  static void await(long millis, String what, java.util.function.BooleanSupplier check) {
    long deadline = System.currentTimeMillis() + millis;
    while (!check.getAsBoolean()) {
      if (System.currentTimeMillis() > deadline) {
        throw new AssertionError("timed out waiting for " + what + (diagnostics != null ? ": " + diagnostics.get() : ""));
      }
      try {
        Thread.sleep(50);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError(e);
      }
    }
  }

  /** One field of INFO replication (or stats), or null. */
  static String info(Jedis j, String section, String field) {
    for (String line : j.info(section).split("\r\n")) {
      if (line.startsWith(field + ":")) {
        return line.substring(field.length() + 1);
      }
    }
    return null;
  }
}

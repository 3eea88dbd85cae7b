package io.troupe.multijvm;

import java.util.HashMap;
import java.util.Map;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.StreamEntryID;

/**
 * A deterministic mixed write load over every data type (strings, counters,
 * lists, hashes, sets, sorted sets, streams, keys with a TTL, deletes, two
 * databases), so that two servers fed the same calls must end with the same
 * keyspace.
 */
public final class MixedWrites {
  private MixedWrites() {}

  /** True when the server has streams (XADD); Troupe has none yet, so stream writes are left out there. */
  public static boolean hasStreams(Jedis j) {
    java.util.List<Object> info = j.sendCommand(redis.clients.jedis.Protocol.Command.COMMAND, "INFO", "XADD") instanceof
        java.util.List<?> l ? new java.util.ArrayList<>(l) : java.util.List.of();
    return !info.isEmpty() && info.get(0) != null;
  }

  /** Writes round {@code i} (a few commands touching several types) to {@code j}, which is left on db 0. */
  public static void round(Jedis j, int i) {
    round(j, i, false);
  }

  /** As {@link #round(Jedis, int)}, with stream writes when {@code streams}. */
  public static void round(Jedis j, int i, boolean streams) {
    String n = Integer.toString(i);
    j.set("str:" + (i % 500), "value-" + n);
    j.incr("counter:" + (i % 7));
    j.rpush("list:" + (i % 20), n);
    if (i % 5 == 0) {
      j.lpop("list:" + (i % 20));
    }
    j.hset("hash:" + (i % 30), "f" + (i % 11), n);
    j.sadd("set:" + (i % 25), "m" + (i % 40));
    if (i % 9 == 0) {
      j.srem("set:" + (i % 25), "m" + ((i + 3) % 40));
    }
    j.zadd("zset:" + (i % 15), i % 97 + 0.5, "z" + (i % 60));
    if (streams && i % 3 == 0) {
      Map<String, String> fields = new HashMap<>();
      fields.put("n", n);
      j.xadd("stream:" + (i % 4), new StreamEntryID(i + 1, 0), fields);
    }
    if (i % 10 == 0) {
      j.setex("ttl:" + (i % 50), 3600, n);
    }
    if (i % 17 == 0) {
      j.del("str:" + ((i + 250) % 500));
    }
    if (i % 8 == 0) {
      j.select(1);
      j.set("db1:" + (i % 40), n);
      j.select(0);
    }
  }

  /** Rounds {@code from} (inclusive) to {@code to} (exclusive). */
  public static void rounds(Jedis j, int from, int to) {
    rounds(j, from, to, hasStreams(j));
  }

  /** Rounds {@code from} (inclusive) to {@code to} (exclusive), with stream writes when {@code streams}. */
  public static void rounds(Jedis j, int from, int to, boolean streams) {
    for (int i = from; i < to; i++) {
      round(j, i, streams);
    }
  }
}

package io.troupe.persistence.rdb;

import static java.nio.charset.StandardCharsets.ISO_8859_1;

import io.troupe.type.hash.HashType;
import io.troupe.type.list.ListType;
import io.troupe.type.set.SetType;
import io.troupe.type.zset.ZSetType;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import redis.clients.jedis.Jedis;

/**
 * A dataset as plain Java values (byte strings held as ISO-8859-1 Strings, so
 * every byte maps to one char): strings, lists, sets (TreeSet), hashes
 * (TreeMap) and sorted sets (TreeMap member → score), per db, with absolute
 * expiries. It can fill a real Redis, build Troupe values, and be compared
 * with what an RDB file or a server holds.
 */
final class RdbModel {
  /** A fixed far-future expiry (2100-01-01), so golden files keep it. */
  static final long FAR_EXPIRY = 4102444800000L;

  record Key(Object value, long expireAt) {}

  /** db → key → value. */
  final Map<Integer, Map<String, Key>> dbs = new TreeMap<>();

  void put(int db, String key, Object value, long expireAt) {
    dbs.computeIfAbsent(db, d -> new TreeMap<>()).put(key, new Key(value, expireAt));
  }

  void put(int db, String key, Object value) {
    put(db, key, value, -1);
  }

  // ---- datasets -----------------------------------------------------------------------------

  private static String repeat(String s, int n) {
    return s.repeat(n);
  }

  private static String randomBytes(Random r, int n) {
    byte[] b = new byte[n];
    r.nextBytes(b);
    return new String(b, ISO_8859_1);
  }

  private static String allBytes() {
    byte[] b = new byte[256];
    for (int i = 0; i < 256; i++) {
      b[i] = (byte) i;
    }
    return new String(b, ISO_8859_1);
  }

  /** Every type in its small encodings (int strings, listpacks, intsets), TTLs, two dbs. */
  static RdbModel small() {
    Random r = new Random(7);
    RdbModel m = new RdbModel();
    m.put(0, "str:int8", "42");
    m.put(0, "str:neg", "-7");
    m.put(0, "str:int16", "300");
    m.put(0, "str:int32", "70000");
    m.put(0, "str:int64", "12345678901");
    m.put(0, "str:notcanonical", "007");
    m.put(0, "str:empty", "");
    m.put(0, "str:lzf", repeat("abcabcabc", 30) + "tail");
    m.put(0, "str:incompressible", randomBytes(r, 100));
    m.put(0, "str:bytes", allBytes());
    m.put(0, "str:ttl", "expiring", FAR_EXPIRY);
    m.put(0, "list:small", new ArrayList<>(List.of("a", "1", "-1", "127", "128", "-4096", "4095", "300",
        "-40000", "70000", "8388608", "-2147483648", "12345678901234", "x".repeat(100), "y".repeat(5000), "")));
    m.put(0, "set:intset16", new TreeSet<>(List.of("1", "2", "3", "-5")));
    m.put(0, "set:intset64", new TreeSet<>(List.of("1", "70000", "4294967296", "-9223372036854775808")));
    m.put(0, "set:small", new TreeSet<>(List.of("a", "b", "1")));
    Map<String, String> h = new TreeMap<>();
    h.put("f1", "v1");
    h.put("n", "12345");
    h.put("", "empty-field");
    h.put("bin", allBytes().substring(0, 32));
    m.put(0, "hash:small", h, FAR_EXPIRY);
    Map<String, Double> z = new TreeMap<>();
    z.put("one", 1.0);
    z.put("half", 2.5);
    z.put("neg", -3.0);
    z.put("inf", Double.POSITIVE_INFINITY);
    z.put("-inf", Double.NEGATIVE_INFINITY);
    z.put("big", 1e300);
    z.put("tiny", 1.0e-300);
    z.put("frac", 0.1);
    m.put(0, "zset:small", z);
    m.put(3, "db3:str", "in db 3");
    m.put(3, "db3:list", new ArrayList<>(List.of("p", "q")), FAR_EXPIRY);
    return m;
  }

  /** The large encodings: multi-node quicklists, hashtables, skiplists, long strings. */
  static RdbModel large() {
    Random r = new Random(11);
    RdbModel m = new RdbModel();
    StringBuilder sb = new StringBuilder();
    for (int i = 0; sb.length() < 70000; i++) {
      sb.append("line ").append(i % 97).append(' ');
    }
    m.put(0, "str:big", sb.toString());
    m.put(0, "str:random", randomBytes(r, 3000));
    List<String> l = new ArrayList<>();
    for (int i = 0; i < 3000; i++) {
      l.add(i % 3 == 0 ? Integer.toString(i * 7919 - 5000) : "element-" + i);
    }
    m.put(0, "list:big", l, FAR_EXPIRY);
    Set<String> ints = new TreeSet<>();
    for (int i = 0; i < 600; i++) {
      ints.add(Integer.toString(i * 3));
    }
    m.put(0, "set:manyints", ints);
    Set<String> s = new TreeSet<>();
    for (int i = 0; i < 300; i++) {
      s.add("member-" + i);
    }
    m.put(0, "set:big", s);
    Map<String, String> h = new TreeMap<>();
    for (int i = 0; i < 600; i++) {
      h.put("field-" + i, i % 2 == 0 ? Integer.toString(i) : "value-" + i);
    }
    m.put(0, "hash:big", h);
    Map<String, String> hl = new TreeMap<>();
    hl.put("a", "b");
    hl.put("long", "v".repeat(100));
    m.put(0, "hash:longvalue", hl);
    Map<String, Double> z = new TreeMap<>();
    for (int i = 0; i < 200; i++) {
      z.put("m" + i, i * 1.5 - 50);
    }
    m.put(0, "zset:big", z);
    Map<String, Double> zl = new TreeMap<>();
    zl.put("short", 1.0);
    zl.put("long-" + "m".repeat(80), 2.0);
    m.put(0, "zset:longmember", zl);
    return m;
  }

  // ---- conversions ----------------------------------------------------------------------------

  static byte[] b(String s) {
    return s.getBytes(ISO_8859_1);
  }

  static String s(byte[] b) {
    return new String(b, ISO_8859_1);
  }

  /** A Troupe value (as stored in the keyspace) for a model value, built with Redis's default limits. */
  @SuppressWarnings("unchecked")
  static Object toTroupe(Object v) {
    ValueLimits lim = ValueLimits.DEFAULTS;
    if (v instanceof String str) {
      return b(str);
    } else if (v instanceof List<?> list) {
      ListType l = new ListType(lim.listFill());
      for (Object e : list) {
        l.push(b((String) e), false);
      }
      return l;
    } else if (v instanceof Set<?> set) {
      SetType st = new SetType();
      for (Object e : set) {
        st.add(b((String) e), lim.setMaxIntsetEntries());
      }
      return st;
    } else if (v instanceof Map<?, ?> map && !map.isEmpty() && map.values().iterator().next() instanceof Double) {
      ZSetType z = null;
      for (Map.Entry<String, Double> e : ((Map<String, Double>) map).entrySet()) {
        if (z == null) {
          z = ZSetType.create(lim.zset(), e.getKey().length());
        }
        z.insert(b(e.getKey()), e.getValue(), lim.zset());
      }
      return z;
    } else if (v instanceof Map<?, ?> map) {
      HashType h = new HashType();
      for (Map.Entry<String, String> e : ((Map<String, String>) map).entrySet()) {
        h.set(b(e.getKey()), b(e.getValue()), lim.hashMaxEntries(), lim.hashMaxValue());
      }
      return h;
    }
    throw new IllegalArgumentException(String.valueOf(v));
  }

  /** The model form of a Troupe value. */
  static Object fromTroupe(Object v) {
    if (v instanceof byte[] bytes) {
      return s(bytes);
    } else if (v instanceof ListType l) {
      List<String> out = new ArrayList<>();
      for (byte[] e : l.elements()) {
        out.add(s(e));
      }
      return out;
    } else if (v instanceof SetType st) {
      Set<String> out = new TreeSet<>();
      st.forEach(e -> out.add(s(e)));
      return out;
    } else if (v instanceof HashType h) {
      Map<String, String> out = new TreeMap<>();
      h.forEach((f, val) -> out.put(s(f), s(val)));
      return out;
    } else if (v instanceof ZSetType z) {
      Map<String, Double> out = new TreeMap<>();
      z.forEach((mem, score) -> {
        out.put(s(mem), score);
        return true;
      });
      return out;
    }
    throw new IllegalArgumentException(String.valueOf(v));
  }

  /** Fills a real Redis with the model (after FLUSHALL). */
  @SuppressWarnings("unchecked")
  void fill(Jedis j) {
    j.flushAll();
    for (Map.Entry<Integer, Map<String, Key>> db : dbs.entrySet()) {
      j.select(db.getKey());
      for (Map.Entry<String, Key> e : db.getValue().entrySet()) {
        byte[] k = b(e.getKey());
        Object v = e.getValue().value();
        if (v instanceof String str) {
          j.set(k, b(str));
        } else if (v instanceof List<?> list) {
          for (Object el : list) {
            j.rpush(k, b((String) el));
          }
        } else if (v instanceof Set<?> set) {
          for (Object el : set) {
            j.sadd(k, b((String) el));
          }
        } else if (v instanceof Map<?, ?> map && map.values().iterator().next() instanceof Double) {
          for (Map.Entry<String, Double> el : ((Map<String, Double>) map).entrySet()) {
            j.zadd(k, el.getValue(), b(el.getKey()));
          }
        } else {
          for (Map.Entry<String, String> el : ((Map<String, String>) map(v)).entrySet()) {
            j.hset(k, b(el.getKey()), b(el.getValue()));
          }
        }
        if (e.getValue().expireAt() != -1) {
          j.pexpireAt(k, e.getValue().expireAt());
        }
      }
    }
    j.select(0);
  }

  private static Map<?, ?> map(Object v) {
    return (Map<?, ?>) v;
  }

  /** What a server holds: db → key → Key (value in model form, expiry from PEXPIRETIME). */
  static RdbModel readBack(Jedis j, Iterable<Integer> dbIndexes) {
    RdbModel m = new RdbModel();
    for (int db : dbIndexes) {
      j.select(db);
      for (byte[] k : j.keys(b("*"))) {
        m.put(db, s(k), readValue(j, k), pexpiretime(j, k));
      }
    }
    j.select(0);
    return m;
  }

  static long pexpiretime(Jedis j, byte[] k) {
    Object r = j.sendCommand(redis.clients.jedis.Protocol.Command.PEXPIRETIME, k);
    long t = (Long) r;
    return t < 0 ? -1 : t;
  }

  static Object readValue(Jedis j, byte[] k) {
    String type = j.type(k);
    switch (type) {
      case "string":
        return s(j.get(k));
      case "list": {
        List<String> out = new ArrayList<>();
        for (byte[] e : j.lrange(k, 0, -1)) {
          out.add(s(e));
        }
        return out;
      }
      case "set": {
        Set<String> out = new TreeSet<>();
        for (byte[] e : j.smembers(k)) {
          out.add(s(e));
        }
        return out;
      }
      case "hash": {
        Map<String, String> out = new TreeMap<>();
        for (Map.Entry<byte[], byte[]> e : j.hgetAll(k).entrySet()) {
          out.put(s(e.getKey()), s(e.getValue()));
        }
        return out;
      }
      case "zset": {
        Map<String, Double> out = new TreeMap<>();
        for (redis.clients.jedis.resps.Tuple t : j.zrangeWithScores(k, 0, -1)) {
          out.put(s(t.getBinaryElement()), t.getScore());
        }
        return out;
      }
      default:
        throw new IllegalStateException("type " + type);
    }
  }

  /** The model as a map of printable-comparable entries (Double NaN-safe via equals). */
  Map<String, Object> flat() {
    Map<String, Object> out = new LinkedHashMap<>();
    for (Map.Entry<Integer, Map<String, Key>> db : dbs.entrySet()) {
      for (Map.Entry<String, Key> e : db.getValue().entrySet()) {
        out.put(db.getKey() + "/" + e.getKey(), e.getValue());
      }
    }
    return out;
  }

  /** Compares two models key by key, naming the first key that differs (values are long). */
  static void assertSameData(RdbModel expected, RdbModel actual) {
    Map<String, Object> e = expected.flat();
    Map<String, Object> a = actual.flat();
    org.junit.jupiter.api.Assertions.assertEquals(new TreeSet<>(e.keySet()), new TreeSet<>(a.keySet()), "keys");
    for (Map.Entry<String, Object> x : e.entrySet()) {
      Key ek = (Key) x.getValue();
      Key ak = (Key) a.get(x.getKey());
      org.junit.jupiter.api.Assertions.assertEquals(ek.expireAt(), ak.expireAt(), x.getKey() + " expiry");
      if (!ek.value().equals(ak.value())) {
        org.junit.jupiter.api.Assertions.fail(x.getKey() + " differs: " + describe(ek.value()) + " vs "
            + describe(ak.value()));
      }
    }
  }

  private static String describe(Object v) {
    String s = String.valueOf(v);
    return v.getClass().getSimpleName() + (s.length() > 300 ? s.substring(0, 300) + "..." : s);
  }

  /** Reads an RDB file into a model, checking the visitor sees SELECTDB/RESIZEDB before its keys. */
  static RdbModel fromRdb(java.io.InputStream in, ValueLimits lim, Map<String, Object> seen)
      throws java.io.IOException, RdbException {
    RdbModel m = new RdbModel();
    new RdbReader(lim, true).read(in, new RdbReader.Visitor() {
      @Override
      public void onEntry(int db, byte[] key, Object value, long expireAtMs, long idle, int freq) {
        m.put(db, s(key), fromTroupe(value), expireAtMs);
        if (seen != null) {
          seen.put(db + "/" + s(key), value);
        }
      }
    });
    return m;
  }
}

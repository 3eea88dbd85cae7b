package io.troupe.multijvm;

import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.Protocol;
import redis.clients.jedis.params.ScanParams;
import redis.clients.jedis.resps.ScanResult;
import redis.clients.jedis.resps.Tuple;

/**
 * Every key of a server, read through the protocol (SCAN + TYPE + the type's
 * read command + PTTL), as a sorted map {@code "db:key(hex)" → "type value
 * expiry"}: two servers hold the same data exactly when their maps are equal.
 * The comparison is by value, not by DUMP payload, so it also holds between
 * Troupe and a real redis-server, which encode the same value differently.
 * Expiry is compared as present or not (the remaining time moves).
 */
public final class Keyspaces {
  private static final HexFormat HEX = HexFormat.of();

  private Keyspaces() {}

  /** Fails, naming the first differing keys, unless {@code a} and {@code b} hold the same keys and values. */
  public static void assertSame(Node a, Node b) {
    assertSame(a.name(), snapshot(a), b.name(), snapshot(b));
  }

  /** Fails unless {@code node} holds exactly {@code expected} (a snapshot taken earlier). */
  public static void assertSame(SortedMap<String, String> expected, Node node) {
    assertSame("expected", expected, node.name(), snapshot(node));
  }

  static void assertSame(String nameA, SortedMap<String, String> a, String nameB, SortedMap<String, String> b) {
    if (a.equals(b)) {
      return;
    }
    TreeSet<String> keys = new TreeSet<>(a.keySet());
    keys.addAll(b.keySet());
    List<String> diffs = new ArrayList<>();
    int count = 0;
    for (String k : keys) {
      String va = a.get(k);
      String vb = b.get(k);
      if (va == null ? vb != null : !va.equals(vb)) {
        count++;
        if (diffs.size() < 10) {
          diffs.add(k + ": " + nameA + "=" + abbreviate(va) + " " + nameB + "=" + abbreviate(vb));
        }
      }
    }
    throw new AssertionError(count + " of " + keys.size() + " keys differ between " + nameA + " (" + a.size()
        + " keys) and " + nameB + " (" + b.size() + " keys), e.g.\n  " + String.join("\n  ", diffs));
  }

  private static String abbreviate(String s) {
    return s == null ? "(missing)" : s.length() > 120 ? s.substring(0, 120) + "..." : s;
  }

  /** Every key of every database of {@code node}. */
  public static SortedMap<String, String> snapshot(Node node) {
    try (Jedis j = node.client(60_000)) {
      SortedMap<String, String> out = new TreeMap<>();
      for (int db : databases(j)) {
        j.select(db);
        byte[] cursor = ScanParams.SCAN_POINTER_START_BINARY;
        ScanParams params = new ScanParams().count(1000);
        do {
          ScanResult<byte[]> page = j.scan(cursor, params);
          for (byte[] key : page.getResult()) {
            String value = describe(j, key);
            if (value != null) { // expired or deleted between SCAN and now
              out.put(db + ":" + HEX.formatHex(key), value);
            }
          }
          cursor = page.getCursorAsBytes();
        } while (!java.util.Arrays.equals(cursor, ScanParams.SCAN_POINTER_START_BINARY));
      }
      j.select(0);
      return out;
    }
  }

  /** The numbers N of INFO keyspace's dbN lines. */
  static List<Integer> databases(Jedis j) {
    List<Integer> dbs = new ArrayList<>();
    for (String line : j.info("keyspace").split("\r?\n")) {
      if (line.startsWith("db") && line.contains(":")) {
        dbs.add(Integer.parseInt(line.substring(2, line.indexOf(':'))));
      }
    }
    return dbs;
  }

  /** "type value expiry" of one key, or null when it is gone. */
  static String describe(Jedis j, byte[] key) {
    String type = j.type(key);
    String value;
    switch (type) {
      case "none":
        return null;
      case "string":
        value = hex(j.get(key));
        break;
      case "list":
        value = hexAll(j.lrange(key, 0, -1)).toString();
        break;
      case "set":
        value = new TreeSet<>(hexAll(j.smembers(key))).toString();
        break;
      case "hash": {
        TreeMap<String, String> fields = new TreeMap<>();
        for (Map.Entry<byte[], byte[]> e : j.hgetAll(key).entrySet()) {
          fields.put(hex(e.getKey()), hex(e.getValue()));
        }
        value = fields.toString();
        break;
      }
      case "zset": {
        List<String> members = new ArrayList<>();
        for (Tuple t : j.zrangeWithScores(key, 0, -1)) {
          members.add(hex(t.getBinaryElement()) + "=" + t.getScore());
        }
        value = members.toString();
        break;
      }
      case "stream":
        value = render(j.sendCommand(Protocol.Command.XRANGE, key, "-".getBytes(), "+".getBytes()));
        break;
      default:
        value = hex(j.dump(key));
    }
    long pttl = j.pttl(key);
    return type + " " + value + (pttl >= 0 ? " expires" : "");
  }

  private static String hex(byte[] b) {
    return b == null ? "nil" : HEX.formatHex(b);
  }

  private static List<String> hexAll(java.util.Collection<byte[]> values) {
    List<String> out = new ArrayList<>();
    for (byte[] v : values) {
      out.add(hex(v));
    }
    return out;
  }

  /** A raw reply as text (bulk strings in hex, arrays in brackets). */
  private static String render(Object reply) {
    if (reply instanceof byte[] b) {
      return hex(b);
    }
    if (reply instanceof List<?> list) {
      List<String> parts = new ArrayList<>();
      for (Object o : list) {
        parts.add(render(o));
      }
      return parts.toString();
    }
    return String.valueOf(reply);
  }
}

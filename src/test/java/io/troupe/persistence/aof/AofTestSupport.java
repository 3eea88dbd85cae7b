package io.troupe.persistence.aof;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.Protocol;
import redis.clients.jedis.params.ScanParams;
import redis.clients.jedis.resps.ScanResult;
import redis.clients.jedis.resps.Tuple;

/** What the AOF tests share: reading AOF files, comparing datasets, spawning a server JVM. */
final class AofTestSupport {
  private AofTestSupport() {}

  /** The commands of an AOF file from byte {@code from} on, each as its arguments. */
  static List<List<String>> commands(Path file, long from) throws IOException {
    byte[] all = Files.readAllBytes(file);
    List<List<String>> out = new ArrayList<>();
    int i = (int) from;
    while (i < all.length) {
      if (all[i] != '*') {
        throw new AssertionError("not a command at " + i + " of " + file);
      }
      int eol = indexOf(all, i);
      int n = Integer.parseInt(new String(all, i + 1, eol - i - 1, StandardCharsets.US_ASCII));
      i = eol + 2;
      List<String> argv = new ArrayList<>();
      for (int k = 0; k < n; k++) {
        eol = indexOf(all, i);
        int len = Integer.parseInt(new String(all, i + 1, eol - i - 1, StandardCharsets.US_ASCII));
        i = eol + 2;
        argv.add(new String(all, i, len, StandardCharsets.ISO_8859_1));
        i += len + 2;
      }
      out.add(argv);
    }
    return out;
  }

  private static int indexOf(byte[] b, int from) {
    for (int i = from; i + 1 < b.length; i++) {
      if (b[i] == '\r' && b[i + 1] == '\n') {
        return i;
      }
    }
    throw new AssertionError("torn command at " + from);
  }

  /** The last incr file named by the manifest in {@code aofDir}. */
  static Path lastIncr(Path aofDir) throws Exception {
    AofManifest m = AofManifest.parse(Files.readAllBytes(aofDir.resolve("appendonly.aof.manifest")));
    return aofDir.resolve(m.lastIncr().name());
  }

  /** Every type, several databases, keys with and without TTLs, through commands the AOF rewrites. */
  static void fill(Jedis j) {
    j.select(0);
    j.set("str", "hello");
    j.set("int", "12345");
    j.incrBy("int", 5);
    j.incrByFloat("float", 1.25);
    j.setex("ttl-str", 1000, "soon");
    j.set("big", "x".repeat(5000));
    j.append("big", "tail");
    j.rpush("list", "a", "b", "c", "1", "2");
    j.lpop("list");
    List<String> many = new ArrayList<>();
    for (int i = 0; i < 300; i++) {
      many.add("element-" + i);
    }
    j.rpush("biglist", many.toArray(new String[0]));
    j.hset("hash", Map.of("f1", "v1", "f2", "2"));
    j.hincrByFloat("hash", "f3", 0.5);
    j.sadd("set", "a", "b", "c", "d");
    j.spop("set");
    j.sadd("intset", "1", "2", "3", "-7");
    j.zadd("zset", Map.of("a", 1.5, "b", -2.0, "c", 3e10));
    j.zincrby("zset", 2, "a");
    j.pfadd("hll", "a", "b", "c");
    j.expire("list", 5000);
    j.pexpire("hash", 123456);
    j.set("gone", "x");
    j.expire("gone", -1);
    j.select(3);
    j.set("db3", "three");
    j.sadd("db3set", "x");
    j.expire("db3set", 9999);
    j.select(0);
  }

  /** Everything in databases 0-15: "db:key" → type, content and absolute expiry. */
  static Map<String, String> snapshot(Jedis j) {
    Map<String, String> out = new TreeMap<>();
    for (int db = 0; db < 16; db++) {
      j.select(db);
      String cursor = ScanParams.SCAN_POINTER_START;
      do {
        ScanResult<String> r = j.scan(cursor, new ScanParams().count(1000));
        for (String k : r.getResult()) {
          out.put(db + ":" + k, describe(j, k));
        }
        cursor = r.getCursor();
      } while (!cursor.equals("0"));
    }
    j.select(0);
    return out;
  }

  private static String describe(Jedis j, String k) {
    String type = j.type(k);
    String content = switch (type) {
      case "string" -> j.get(k);
      case "list" -> j.lrange(k, 0, -1).toString();
      case "hash" -> new TreeMap<>(j.hgetAll(k)).toString();
      case "set" -> new TreeSet<>(j.smembers(k)).toString();
      case "zset" -> {
        StringBuilder sb = new StringBuilder();
        for (Tuple t : j.zrangeWithScores(k, 0, -1)) {
          sb.append(t.getElement()).append('=').append(t.getScore()).append(',');
        }
        yield sb.toString();
      }
      default -> "?";
    };
    Object at = j.sendCommand(Protocol.Command.PEXPIRETIME, k);
    return type + " " + content + " expireat=" + at;
  }

  /** {@code java -cp <test classpath> io.troupe.server.Main --port P --bind 127.0.0.1 --dir D extra...}. */
  static List<String> serverCommand(int port, Path dir, String... extra) {
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    cmd.add("-XX:TieredStopAtLevel=1");
    cmd.add("-XX:+UseSerialGC");
    cmd.add("-Dtroupe.management.enabled=false");
    cmd.add("-cp");
    List<String> cp = new ArrayList<>();
    for (String e : System.getProperty("java.class.path").split(File.pathSeparator)) {
      cp.add(Path.of(e).toAbsolutePath().toString());
    }
    cmd.add(String.join(File.pathSeparator, cp));
    cmd.add("io.troupe.server.Main");
    cmd.addAll(List.of("--port", Integer.toString(port), "--bind", "127.0.0.1", "--dir", dir.toString(),
        "--save", ""));
    cmd.addAll(List.of(extra));
    return cmd;
  }
}

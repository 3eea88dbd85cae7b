package io.troupe.pubsub;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.troupe.TestServer;
import io.troupe.connection.RawClient;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.Jedis;

/**
 * Keyspace notifications of every command family, as Redis 7.0.15 sends them:
 * a raw RESP2 subscriber on {@code __keyspace@*__:*} and {@code __keyevent@*__:*}
 * records every message while a second client runs the commands. Each
 * expected sequence was read off a real redis-server running the same
 * commands with the same notify-keyspace-events.
 */
class KeyspaceNotificationsIT {
  static TestServer server;
  static Jedis admin;

  @BeforeAll
  static void start() {
    server = TestServer.start("--enable-debug-command", "yes");
    admin = new Jedis(server.host(), server.port());
  }

  @AfterAll
  static void stop() {
    admin.close();
    server.close();
  }

  @BeforeEach
  void flush() {
    admin.flushAll();
  }

  @AfterEach
  void quiet() {
    admin.configSet("notify-keyspace-events", "");
    admin.sendCommand(() -> "DEBUG".getBytes(), "set-active-expire", "1");
  }

  private RawClient raw() throws Exception {
    return new RawClient(server.host(), server.port());
  }

  /**
   * Runs {@code commands} (space-separated words; {@code ""} is an empty
   * argument) with notify-keyspace-events set to {@code flags}, and returns
   * every message the subscriber got, as "channel message". A command
   * starting with {@code &} is sent from another client, which then waits
   * blocked; "sleep ms" pauses; "waitdbsize n" waits until DBSIZE is n.
   */
  private List<String> messages(String flags, String... commands) throws Exception {
    admin.configSet("notify-keyspace-events", flags);
    try (RawClient sub = raw(); RawClient c = raw(); RawClient blocked = raw()) {
      sub.send("PSUBSCRIBE", "__keyspace@*__:*", "__keyevent@*__:*", "mark");
      for (int i = 0; i < 3; i++) {
        sub.reply();
      }
      String blockedId = blocked.call("CLIENT", "ID").substring(1).trim();
      for (String command : commands) {
        String[] words = command.split(" ");
        for (int i = 0; i < words.length; i++) {
          if (words[i].equals("\"\"")) {
            words[i] = "";
          }
        }
        if (words[0].equals("sleep")) {
          Thread.sleep(Long.parseLong(words[1]));
        } else if (words[0].equals("waitdbsize")) {
          long deadline = System.currentTimeMillis() + 5000;
          while (admin.dbSize() != Long.parseLong(words[1]) && System.currentTimeMillis() < deadline) {
            Thread.sleep(10);
          }
        } else if (words[0].startsWith("&")) {
          words[0] = words[0].substring(1);
          blocked.send(words);
          awaitCommand(blockedId, words[0]);
        } else {
          c.call(words);
        }
      }
      c.call("PUBLISH", "mark", "end");
      List<String> out = new ArrayList<>();
      while (true) {
        String[] m = pmessage(sub.reply());
        if (m[0].equals("mark")) {
          return out;
        }
        out.add(m[0] + " " + m[1]);
      }
    }
  }

  /**
   * As {@link #messages}, for flags with both K and E: checks that every
   * keyspace message is followed by its keyevent twin, and returns the
   * events as "db key event".
   */
  private List<String> events(String flags, String... commands) throws Exception {
    List<String> raw = messages(flags, commands);
    List<String> out = new ArrayList<>();
    assertEquals(0, raw.size() % 2, raw.toString());
    for (int i = 0; i < raw.size(); i += 2) {
      String space = raw.get(i);
      String prefix = "__keyspace@";
      assertTrue(space.startsWith(prefix), raw.toString());
      int sep = space.indexOf("__:");
      String db = space.substring(prefix.length(), sep);
      int blank = space.indexOf(' ', sep);
      String key = space.substring(sep + 3, blank);
      String event = space.substring(blank + 1);
      assertEquals("__keyevent@" + db + "__:" + event + " " + key, raw.get(i + 1), raw.toString());
      out.add(db + " " + key + " " + event);
    }
    return out;
  }

  /** Waits until client {@code id} is running {@code command} (blocked in it). */
  private void awaitCommand(String id, String command) throws Exception {
    long deadline = System.currentTimeMillis() + 5000;
    String line = "";
    while (System.currentTimeMillis() < deadline) {
      line = Arrays.stream(admin.clientList().split("\n"))
          .filter(l -> l.startsWith("id=" + id + " ")).findFirst().orElse("");
      if (line.contains(" cmd=" + command + " ")) {
        Thread.sleep(20);
        return;
      }
      Thread.sleep(5);
    }
    throw new AssertionError("client " + id + " never ran " + command + ": " + line);
  }

  /** The channel and message of a RESP2 pmessage frame. */
  private static String[] pmessage(String frame) {
    String[] parts = frame.split("\r\n", -1);
    // *4, $8, pmessage, $n, pattern, $n, channel, $n, message
    assertEquals("pmessage", parts[2], frame);
    return new String[] {parts[6], parts[8]};
  }

  /**
   * SET and friends notify "set", then "expire" when they set a TTL; NX/XX that stop them notify
   * nothing.
   */
  @Test
  void setFamily() throws Exception {
    assertEquals(List.of("0 k set", "0 k set", "0 k set", "0 k expire", "0 s set", "0 s expire", "0 p set",
        "0 p expire", "0 n set", "0 a set", "0 b set"),
        events("KEA", "set k v", "set k v2 keepttl", "set k v3 ex 100", "setex s 100 v",
            "psetex p 100000 v", "setnx k v", "setnx n v", "set k v nx", "set x v xx", "mset a 1 b 2",
            "msetnx a 1 c 3"));
  }

  /** GETSET and SET GET notify "set"; GETDEL notifies "del" only when the key existed. */
  @Test
  void getFamily() throws Exception {
    assertEquals(List.of("0 k set", "0 k set", "0 k set", "0 k del"),
        events("KEA", "getset k v", "getset k v2", "set k v3 get", "getdel k", "getdel k"));
  }

  /** GETEX notifies "expire", "persist" (only when there was a TTL) or "del" for a past PXAT. */
  @Test
  void getex() throws Exception {
    assertEquals(List.of("0 k set", "0 k expire", "0 k persist", "0 k del"),
        events("KEA", "set k v", "getex k", "getex k ex 100", "getex k persist", "getex k persist",
            "getex k pxat 1"));
  }

  /** EXPIRE family: "expire", or "del" for a time already past; PERSIST only when a TTL was removed. */
  @Test
  void expiry() throws Exception {
    assertEquals(List.of("0 k set", "0 k expire", "0 k expire", "0 k persist", "0 k del", "0 j set",
        "0 j del"),
        events("KEA", "set k v", "expire k 100", "pexpire k 100000", "expireat k 99999999999 nx",
            "persist k", "persist k", "expire nokey 10", "pexpireat k 1", "set j v", "expire j -1"));
  }

  /**
   * DEL/UNLINK notify "del" per deleted key; RENAME notifies "rename_from" on the source, then
   * "rename_to" on the destination.
   */
  @Test
  void delRename() throws Exception {
    assertEquals(List.of("0 a set", "0 b set", "0 a del", "0 b del", "0 a set", "0 a rename_from",
        "0 b rename_to", "0 c set", "0 b rename_from", "0 d rename_to", "0 d del"),
        events("KEA", "set a 1", "set b 2", "del a b c", "set a 1", "rename a b", "rename b b", "set c 3",
            "renamenx b c", "renamenx b d", "unlink d"));
  }

  /**
   * MOVE notifies "move_from" in the source db and "move_to" in the target db; COPY notifies "copy_to"
   * in the destination db.
   */
  @Test
  void moveCopy() throws Exception {
    assertEquals(List.of("0 a set", "0 a move_from", "1 a move_to", "1 z set", "0 z set", "0 y copy_to",
        "0 y copy_to", "2 w copy_to"),
        events("KEA", "set a 1", "move a 1", "select 1", "move a 1", "set z 2", "select 0", "set z 1",
            "move z 1", "copy z y", "copy z y", "copy z y replace", "copy z w db 2"));
  }

  /**
   * INCR/DECR/INCRBY/DECRBY notify "incrby", INCRBYFLOAT "incrbyfloat"; a failed increment notifies
   * nothing.
   */
  @Test
  void counters() throws Exception {
    assertEquals(List.of("0 k incrby", "0 k incrby", "0 k incrby", "0 k incrby", "0 k incrbyfloat",
        "0 f incrbyfloat", "0 s set"),
        events("KEA", "incr k", "incrby k 5", "decr k", "decrby k 2", "incrbyfloat k 1.5",
            "incrbyfloat f 1", "set s abc", "incr s"));
  }

  /**
   * APPEND, SETRANGE (not with an empty value), SETBIT (only when the string changed), BITFIELD writes
   * ("setbit"), BITOP ("set", or "del" when the result is empty and the key existed).
   */
  @Test
  void ranges() throws Exception {
    assertEquals(List.of("0 k append", "0 k append", "0 k setrange", "0 n setrange", "0 b setbit",
        "0 b setbit", "0 f setbit", "0 d set", "0 d del"),
        events("KEA", "append k abc", "append k def", "setrange k 1 XY", "setrange k 0 \"\"",
            "setrange n 0 \"\"", "setrange n 2 z", "setbit b 7 1", "setbit b 7 1", "setbit b 100 0",
            "bitfield f set u8 0 1", "bitfield_ro f get u8 0", "bitop or d b f", "bitop and d nokey",
            "bitop and d nokey"));
  }

  /**
   * One push event per command; pops notify once per command and "del" when they empty the list; a count
   * of 0 notifies nothing.
   */
  @Test
  void pushAndPop() throws Exception {
    assertEquals(List.of("0 l lpush", "0 l rpush", "0 l lpush", "0 l lpop", "0 l rpop", "0 l lpop",
        "0 l del"),
        events("KEA", "lpush l a b c", "rpush l d", "lpushx l e", "rpushx nol e", "lpop l", "rpop l 2",
            "lpop l 0", "lpop l 5", "rpop l"));
  }

  /**
   * LINSERT, LSET, LREM (only when something was removed) and LTRIM (always), with "del" when the list
   * is emptied.
   */
  @Test
  void listEdits() throws Exception {
    assertEquals(List.of("0 l rpush", "0 l linsert", "0 l lset", "0 l lrem", "0 l ltrim", "0 l ltrim",
        "0 l del"),
        events("KEA", "rpush l a b a c", "linsert l before b x", "linsert l before nope x", "lset l 0 z",
            "lrem l 0 a", "lrem l 0 nope", "ltrim l 0 -1", "ltrim l 5 10"));
  }

  /**
   * LMOVE/RPOPLPUSH notify the push on the destination before the pop on the source (as Redis 7.0 does);
   * LMPOP and the blocking forms served at once notify as the pops do.
   */
  @Test
  void lmove() throws Exception {
    assertEquals(List.of("0 l rpush", "0 m rpush", "0 l lpop", "0 n lpush", "0 l rpop", "0 l del",
        "0 r rpush", "0 r rpush", "0 r lpop", "0 r rpop", "0 r del", "0 q rpush", "0 q lpop", "0 q rpop",
        "0 q del"),
        events("KEA", "rpush l a b", "lmove l m left right", "rpoplpush l n", "rpush r x y",
            "lmove r r left right", "lmpop 2 nol r right count 5", "rpush q 1 2", "blpop q 0", "brpop q 0",
            "blmove nol x left left 0.01"));
  }

  /** A client blocked on a key and served by a later push notifies its pop after the push. */
  @Test
  void blockedClientsServed() throws Exception {
    assertEquals(List.of("0 l rpush", "0 l lpop", "0 l del", "0 l lpush", "0 l rpop", "0 s rpush",
        "0 d lpush", "0 s rpop", "0 s del", "0 z zadd", "0 z zpopmin", "0 z del", "0 y zadd", "0 y zpopmax"),
        events("KEA", "&blpop l 0", "rpush l a", "&brpop l 0", "lpush l a b", "&blmove s d right left 0",
            "rpush s x", "&bzpopmin z 0", "zadd z 1 a", "&bzpopmax y 0", "zadd y 1 a 2 b"));
  }

  /**
   * HSET/HMSET/HSETNX notify "hset", HINCRBY "hincrby", HINCRBYFLOAT "hincrbyfloat", HDEL "hdel" then
   * "del" when emptied.
   */
  @Test
  void hashes() throws Exception {
    assertEquals(List.of("0 h hset", "0 h hset", "0 h hset", "0 h hset", "0 h hincrby", "0 h hincrbyfloat",
        "0 h hdel", "0 h hdel", "0 h del"),
        events("KEA", "hset h a 1 b 2", "hset h a 1", "hmset h c 3", "hsetnx h a 1", "hsetnx h d 4",
            "hincrby h n 1", "hincrbyfloat h f 1.5", "hdel h a zz", "hdel h zz", "hdel h b c d n f",
            "hdel h a"));
  }

  /**
   * SADD/SREM only when something changed; SPOP notifies "spop" (not with a count of 0) and "del" when
   * it empties the set.
   */
  @Test
  void sets() throws Exception {
    assertEquals(List.of("0 s sadd", "0 s srem", "0 s srem", "0 s del", "0 s sadd", "0 s spop", "0 s del",
        "0 t sadd", "0 t spop", "0 t spop", "0 t del"),
        events("KEA", "sadd s a b", "sadd s a", "srem s a z", "srem s z", "srem s b", "sadd s a", "spop s",
            "spop s", "sadd t 1 2 3", "spop t 0", "spop t 1", "spop t 5"));
  }

  /**
   * SMOVE notifies "srem" on the source (then "del" when emptied) and "sadd" on the destination when the
   * member was not there yet; a move onto itself notifies nothing.
   */
  @Test
  void smove() throws Exception {
    assertEquals(List.of("0 s sadd", "0 d sadd", "0 s srem", "0 d sadd", "0 s srem", "0 s del", "0 e sadd",
        "0 d srem", "0 e sadd"),
        events("KEA", "sadd s a b", "sadd d b", "smove s d a", "smove s d zz", "smove s d b", "sadd e x",
            "smove d e b", "smove e e x"));
  }

  /** The STORE forms notify their own event, or "del" for an empty result when the destination existed. */
  @Test
  void setStores() throws Exception {
    assertEquals(List.of("0 a sadd", "0 b sadd", "0 i sinterstore", "0 u sunionstore", "0 d sdiffstore",
        "0 i del", "0 a del"),
        events("KEA", "sadd a 1 2", "sadd b 2 3", "sinterstore i a b", "sunionstore u a b",
            "sdiffstore d a b", "sinterstore i a nokey", "sinterstore i a nokey", "sdiffstore a a a"));
  }

  /**
   * ZADD notifies "zadd", with INCR (and ZINCRBY) "zincr", only when something was added or changed;
   * ZREM "zrem" then "del".
   */
  @Test
  void zsets() throws Exception {
    assertEquals(List.of("0 z zadd", "0 z zadd", "0 z zincr", "0 z zincr", "0 z zrem", "0 z zrem", "0 z del"),
        events("KEA", "zadd z 1 a 2 b", "zadd z 1 a", "zadd z 3 a", "zadd z incr 1 a", "zincrby z 1 c",
            "zadd z xx 1 nope", "zadd noz xx 1 a", "zadd z nx incr 1 a", "zrem z a q", "zrem z q",
            "zrem z b c"));
  }

  /**
   * Pops notify "zpopmin"/"zpopmax", the range removals their own event, each followed by "del" when the
   * set is emptied.
   */
  @Test
  void zsetPopsAndRanges() throws Exception {
    assertEquals(List.of("0 z zadd", "0 z zpopmin", "0 z zpopmax", "0 z zremrangebyscore",
        "0 z zremrangebyrank", "0 z zpopmin", "0 y zadd", "0 y zpopmax", "0 y del", "0 x zadd",
        "0 x zremrangebylex", "0 x del"),
        events("KEA", "zadd z 1 a 2 b 3 c 4 d 5 e 6 f", "zpopmin z", "zpopmax z 0", "zpopmax z",
            "zremrangebyscore z 3 3", "zremrangebyrank z 0 0", "zremrangebyrank z 5 6", "bzpopmin z 0",
            "zadd y 0 a 0 b", "zmpop 1 y max count 5", "zadd x 0 a 0 b", "zremrangebylex x - +"));
  }

  /**
   * ZUNIONSTORE/ZINTERSTORE/ZDIFFSTORE/ZRANGESTORE notify their event, or "del" for an empty result when
   * the destination existed.
   */
  @Test
  void zsetStores() throws Exception {
    assertEquals(List.of("0 a zadd", "0 b zadd", "0 s sadd", "0 u zunionstore", "0 i zinterstore",
        "0 d zdiffstore", "0 i del", "0 r zrangestore", "0 r del"),
        events("KEA", "zadd a 1 x 2 y", "zadd b 1 y", "sadd s y", "zunionstore u 2 a b",
            "zinterstore i 3 a b s", "zdiffstore d 2 a b", "zinterstore i 2 a nokey", "zrangestore r a 0 0",
            "zrangestore r a 5 10", "zrangestore r a 5 10"));
  }

  /**
   * PFADD notifies "pfadd" when a register changed or the key was created; PFMERGE notifies "pfadd" too.
   */
  @Test
  void hyperloglog() throws Exception {
    assertEquals(List.of("0 p pfadd", "0 q pfadd", "0 m pfadd"),
        events("KEA", "pfadd p a b", "pfadd p a", "pfadd q", "pfadd q", "pfmerge m p q", "pfcount p"));
  }

  /** SORT ... STORE notifies "sortstore", or "del" for an empty result when the destination existed. */
  @Test
  void sortStore() throws Exception {
    assertEquals(List.of("0 l rpush", "0 d sortstore", "0 d sortstore", "0 e sortstore", "0 d del"),
        events("KEA", "rpush l 3 1 2", "sort l store d", "sort l store d",
            "sort l by nosort get # get w_* store e", "sort nol store d", "sort nol store d"));
  }

  /** Commands inside MULTI/EXEC notify as they run. */
  @Test
  void transaction() throws Exception {
    assertEquals(List.of("0 a set", "0 l lpush", "0 a del"),
        events("KEA", "multi", "set a 1", "lpush l x", "del a", "exec"));
  }

  /** A key found expired on access notifies "expired"; a read then misses ("keymiss"), a write does not. */
  @Test
  void expiredLazily() throws Exception {
    assertEquals(List.of("0 k set", "0 k expire", "0 j set", "0 j expire", "0 k expired", "0 k keymiss",
        "0 j expired", "0 j set"),
        events("KEAm", "debug set-active-expire 0", "set k v px 10", "set j v px 10", "sleep 50", "get k",
            "set j v", "debug set-active-expire 1"));
  }

  /** The active expiry cycle notifies "expired" for a key nobody touches. */
  @Test
  void expiredActively() throws Exception {
    assertEquals(List.of("0 k set", "0 k expire", "0 j set", "0 k expired"),
        events("KEA", "set k v px 20", "set j v", "waitdbsize 1"));
  }

  /**
   * "keymiss" for every read lookup that misses (GET, EXISTS, TYPE, TTL, reads of every type, SORT,
   * COPY, PFCOUNT, SET GET, GETSET); not for OBJECT nor for write lookups (LPOP, HDEL).
   */
  @Test
  void keymiss() throws Exception {
    assertEquals(List.of("0 nokey keymiss", "0 nokey keymiss", "0 nokey keymiss", "0 nokey keymiss",
        "0 nol keymiss", "0 noh keymiss", "0 nos keymiss", "0 noz keymiss", "0 nokey keymiss",
        "0 nol keymiss", "0 nokey keymiss", "0 nokey keymiss", "0 nokey2 keymiss"),
        events("KEm", "get nokey", "set k v", "get k", "exists k nokey", "type nokey", "ttl nokey",
            "object encoding nokey", "lrange nol 0 -1", "hget noh f", "smembers nos", "zscore noz a",
            "mget k nokey", "lpop nol", "hdel noh f", "sinterstore d k nokey", "sort nol", "copy nokey x",
            "pfcount nokey", "set k v2 get", "getset nokey2 v"));
  }

  /** "new" whenever a command creates a key (not when it overwrites one). */
  @Test
  void newKeys() throws Exception {
    assertEquals(List.of("0 k new", "0 l new", "0 s new", "0 z new", "0 h new", "0 n new", "0 a new",
        "0 k2 new", "0 s2 new", "0 s3 new", "0 b new", "0 p new", "0 g new", "0 l2 new"),
        events("KEn", "set k v", "set k v2", "lpush l a", "lpush l b", "sadd s a", "zadd z 1 a",
            "hset h f v", "incr n", "append a x", "rename k k2", "sinterstore s2 s s", "copy s s3",
            "setbit b 1 1", "pfadd p a", "getset g v", "lmove l l2 left left"));
  }

  /** 'A' does not include 'n', but 'n' next to it enables "new". */
  @Test
  void allWithNew() throws Exception {
    assertEquals(List.of("0 k new", "0 k set", "0 k del"),
        events("KEAn", "set k v", "del k"));
  }

  /** Kg: only the generic events, on the keyspace channel only. */
  @Test
  void genericOnly() throws Exception {
    assertEquals(List.of("__keyspace@0__:k expire", "__keyspace@0__:l del", "__keyspace@0__:k del",
        "__keyspace@0__:x rename_from", "__keyspace@0__:y rename_to"),
        messages("Kg", "set k v", "expire k 100", "lpush l a", "lpop l", "del k", "set x 1", "rename x y"));
  }

  /** E$: only the string events, on the keyevent channel only. */
  @Test
  void stringOnlyOnKeyevent() throws Exception {
    assertEquals(List.of("__keyevent@0__:set k", "__keyevent@0__:incrby n", "__keyevent@0__:append k"),
        messages("E$", "set k v", "expire k 100", "incr n", "lpush l a", "append k x", "del k"));
  }

  /** Ex: only "expired". */
  @Test
  void expiredOnly() throws Exception {
    assertEquals(List.of("__keyevent@0__:expired k"),
        messages("Ex", "debug set-active-expire 0", "set k v px 10", "sleep 50", "get k", "del k",
            "debug set-active-expire 1"));
  }

  /** Knm: only "new" and "keymiss". */
  @Test
  void newAndMissOnly() throws Exception {
    assertEquals(List.of("__keyspace@0__:k keymiss", "__keyspace@0__:k new", "__keyspace@0__:l new"),
        messages("Knm", "get k", "set k v", "set k v2", "get k", "del k", "lpush l a"));
  }

  /** El: only the list events. */
  @Test
  void listOnly() throws Exception {
    assertEquals(List.of("__keyevent@0__:rpush l", "__keyevent@0__:lpop l"),
        messages("El", "rpush l a b", "set k v", "lpop l 2", "sadd s a"));
  }

  /** Classes without K or E publish nothing. */
  @Test
  void noChannelNoEvents() throws Exception {
    assertEquals(List.of(),
        messages("A", "set k v", "del k"));
  }

  /** K and E without any class publish nothing. */
  @Test
  void classesWithoutAny() throws Exception {
    assertEquals(List.of(),
        messages("KE", "set k v", "del k"));
  }
}

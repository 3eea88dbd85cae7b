package io.troupe.pubsub;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.troupe.TestServer;
import io.troupe.connection.RawClient;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.Jedis;

/**
 * Pub/Sub over raw sockets, byte for byte as Redis 7.0.15 answers (the
 * literals were read off a real redis-server), plus keyspace notifications
 * and the output-buffer limit of a subscriber that does not read.
 */
class PubSubIT {
  static TestServer server;

  @BeforeAll
  static void start() {
    server = TestServer.start();
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  RawClient raw() throws Exception {
    return new RawClient(server.host(), server.port());
  }

  @Test
  void subscribeConfirmsEachChannelAndRestrictsResp2() throws Exception {
    try (RawClient c = raw()) {
      c.send("SUBSCRIBE", "a", "b");
      assertEquals("*3\r\n$9\r\nsubscribe\r\n$1\r\na\r\n:1\r\n", c.reply());
      assertEquals("*3\r\n$9\r\nsubscribe\r\n$1\r\nb\r\n:2\r\n", c.reply());
      assertEquals("-ERR Can't execute 'get': only (P|S)SUBSCRIBE / (P|S)UNSUBSCRIBE / PING / QUIT / RESET are"
          + " allowed in this context\r\n", c.call("GET", "x"));
      assertEquals("*2\r\n$4\r\npong\r\n$0\r\n\r\n", c.call("PING"));
      assertEquals("*2\r\n$4\r\npong\r\n$2\r\nhi\r\n", c.call("PING", "hi"));
      c.send("UNSUBSCRIBE");
      assertEquals("*3\r\n$11\r\nunsubscribe\r\n$1\r\na\r\n:1\r\n", c.reply());
      assertEquals("*3\r\n$11\r\nunsubscribe\r\n$1\r\nb\r\n:0\r\n", c.reply());
      assertEquals("*3\r\n$11\r\nunsubscribe\r\n$-1\r\n:0\r\n", c.call("UNSUBSCRIBE"));
      assertEquals("*3\r\n$12\r\npunsubscribe\r\n$-1\r\n:0\r\n", c.call("PUNSUBSCRIBE"));
      // out of subscribed mode, everything runs again
      assertEquals("$-1\r\n", c.call("GET", "x"));
    }
  }

  @Test
  void messagesReachChannelPatternAndShardSubscribers() throws Exception {
    try (RawClient sub = raw(); RawClient psub = raw(); RawClient ssub = raw(); Jedis pub = new Jedis(server.host(),
        server.port())) {
      assertEquals("*3\r\n$9\r\nsubscribe\r\n$4\r\nnews\r\n:1\r\n", sub.call("SUBSCRIBE", "news"));
      assertEquals("*3\r\n$10\r\npsubscribe\r\n$2\r\nn*\r\n:1\r\n", psub.call("PSUBSCRIBE", "n*"));
      assertEquals("*3\r\n$10\r\nssubscribe\r\n$2\r\ns1\r\n:1\r\n", ssub.call("SSUBSCRIBE", "s1"));
      assertEquals(2, pub.publish("news", "hello"));
      assertEquals("*3\r\n$7\r\nmessage\r\n$4\r\nnews\r\n$5\r\nhello\r\n", sub.reply());
      assertEquals("*4\r\n$8\r\npmessage\r\n$2\r\nn*\r\n$4\r\nnews\r\n$5\r\nhello\r\n", psub.reply());
      assertEquals(0, pub.publish("other", "x"));
      assertEquals(1L, pub.sendCommand(() -> "SPUBLISH".getBytes(), "s1", "sharded"));
      assertEquals("*3\r\n$8\r\nsmessage\r\n$2\r\ns1\r\n$7\r\nsharded\r\n", ssub.reply());
      assertEquals(List.of("news"), pub.pubsubChannels("*"));
      assertEquals(1L, pub.pubsubNumSub("news", "none").get("news"));
      assertEquals(0L, pub.pubsubNumSub("news", "none").get("none"));
      assertEquals(1L, pub.pubsubNumPat());
      assertTrue(sub.silentFor(100));
    }
  }

  @Test
  void resp3SubscribersGetPushesAndMayRunAnything() throws Exception {
    try (RawClient c = raw(); Jedis pub = new Jedis(server.host(), server.port())) {
      c.call("HELLO", "3");
      assertEquals(">3\r\n$9\r\nsubscribe\r\n$1\r\nc\r\n:1\r\n", c.call("SUBSCRIBE", "c"));
      assertEquals("_\r\n", c.call("GET", "nothing"));
      assertEquals("+PONG\r\n", c.call("PING"));
      pub.publish("c", "m");
      assertEquals(">3\r\n$7\r\nmessage\r\n$1\r\nc\r\n$1\r\nm\r\n", c.reply());
      assertEquals("+RESET\r\n", c.call("RESET"));
      assertEquals(0L, pub.pubsubNumSub("c").get("c"));
    }
  }

  @Test
  void expiredKeysAreNotifiedWhenAsked() throws Exception {
    try (RawClient c = raw(); Jedis j = new Jedis(server.host(), server.port())) {
      j.configSet("notify-keyspace-events", "Ex");
      try {
        c.send("PSUBSCRIBE", "__keyevent@0__:*");
        c.reply();
        j.psetex("soon", 20, "v");
        Thread.sleep(60);
        j.get("soon"); // lazy expiry, if the active cycle did not get there first
        assertEquals("*4\r\n$8\r\npmessage\r\n$16\r\n__keyevent@0__:*\r\n$22\r\n__keyevent@0__:expired\r\n"
            + "$4\r\nsoon\r\n", c.reply());
      } finally {
        j.configSet("notify-keyspace-events", "");
      }
    }
  }

  @Test
  void aSubscriberThatDoesNotReadIsDroppedAndOthersKeepGoing() throws Exception {
    try (Jedis admin = new Jedis(server.host(), server.port())) {
      admin.configSet("client-output-buffer-limit", "pubsub 1mb 512kb 60");
      try (RawClient slow = raw(); RawClient fast = raw(); Jedis pub = new Jedis(server.host(), server.port())) {
        slow.call("SUBSCRIBE", "flood");
        fast.call("SUBSCRIBE", "flood");
        String payload = "x".repeat(64 * 1024);
        int published = 0;
        long before = pub.pubsubNumSub("flood").get("flood");
        assertEquals(2, before);
        // `fast` keeps reading; `slow` never does, so its pending output grows past 1 MB
        for (int i = 0; i < 400 && pub.pubsubNumSub("flood").get("flood") == 2; i++) {
          pub.publish("flood", payload);
          published++;
          fast.reply();
        }
        assertEquals(1L, pub.pubsubNumSub("flood").get("flood"), "the slow subscriber was disconnected");
        assertTrue(published < 400);
        assertEquals("PONG", pub.ping());
        pub.publish("flood", "after");
        assertTrue(fast.reply().endsWith("$5\r\nafter\r\n"));
      } finally {
        admin.configSet("client-output-buffer-limit", "normal 0 0 0 slave 268435456 67108864 60 pubsub 33554432 8388608 60");
      }
    }
  }
}

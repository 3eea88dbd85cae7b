package io.troupe.persistence.rdb;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.troupe.TestServer;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import redis.clients.jedis.Jedis;

/** While the RDB file loads at start-up the port answers: LOADING to what needs the data, INFO shows progress. */
class LoadingIT {
  private static final int PORT = 21610;

  @TempDir
  Path tmp;

  @Test
  void theServerAnswersLoadingWhileTheFileLoads() throws Exception {
    int keys = 60_000;
    try (TestServer s = TestServer.start("--dir", tmp.toString(), "--save", "");
        Jedis j = new Jedis(s.host(), s.port())) {
      BgsaveIT.fillStrings(j, 0, keys);
      assertEquals("OK", j.save());
    }
    // 50 µs per key: about three seconds of loading.
    CompletableFuture<TestServer> starting = CompletableFuture.supplyAsync(() -> TestServer.start(
        "--dir", tmp.toString(), "--save", "", "--port", Integer.toString(PORT), "--key-load-delay", "50"));
    try (Jedis j = connect()) {
      assertEquals("LOADING Redis is loading the dataset in memory", BgsaveIT.error(() -> j.get("k1")));
      assertEquals("LOADING Redis is loading the dataset in memory", BgsaveIT.error(() -> j.set("k1", "x")));
      assertEquals("LOADING Redis is loading the dataset in memory", BgsaveIT.error(j::dbSize));
      // As in Redis 7.0, PING is not allowed while loading; ECHO, INFO, CONFIG GET are.
      assertEquals("LOADING Redis is loading the dataset in memory", BgsaveIT.error(j::ping));
      assertEquals("hi", j.echo("hi"));
      assertEquals("", j.configGet("save").get("save"));
      String info = j.info("persistence");
      assertEquals("1", BgsaveIT.field(info, "loading"));
      long total = Long.parseLong(BgsaveIT.field(info, "loading_total_bytes"));
      long loaded = Long.parseLong(BgsaveIT.field(info, "loading_loaded_bytes"));
      assertTrue(total > 500_000 && loaded <= total, info);
      assertTrue(Long.parseLong(BgsaveIT.field(info, "loading_rdb_used_mem")) > 0, info);
      assertTrue(Math.abs(Long.parseLong(BgsaveIT.field(info, "loading_start_time"))
          - System.currentTimeMillis() / 1000) < 30, info);
      double perc = Double.parseDouble(BgsaveIT.field(info, "loading_loaded_perc"));
      assertTrue(perc >= 0 && perc <= 100, info);
      assertTrue(Long.parseLong(BgsaveIT.field(info, "loading_eta_seconds")) >= 0, info);
      // Queued in MULTI, a command that needs the data refuses EXEC.
      assertEquals("+OK\r\n-LOADING Redis is loading the dataset in memory\r\n",
          BgsaveIT.raw(PORT, "MULTI\r\nGET k1\r\n", 2));
      try (TestServer s = starting.get()) {
        assertEquals("0", BgsaveIT.field(j.info("persistence"), "loading"));
        assertEquals(Long.valueOf(keys), j.dbSize());
        assertEquals("v1", j.get("k1"));
        assertEquals(Integer.toString(keys), BgsaveIT.field(j.info("persistence"), "rdb_last_load_keys_loaded"));
      }
    } finally {
      if (!starting.isDone()) {
        starting.join().close();
      }
    }
  }

  private static Jedis connect() throws InterruptedException {
    long deadline = System.currentTimeMillis() + 20_000;
    while (true) {
      try {
        Jedis j = new Jedis("127.0.0.1", PORT);
        j.echo("up");
        return j;
      } catch (redis.clients.jedis.exceptions.JedisConnectionException e) {
        assertTrue(System.currentTimeMillis() < deadline, "the port never answered");
        Thread.sleep(20);
      }
    }
  }
}

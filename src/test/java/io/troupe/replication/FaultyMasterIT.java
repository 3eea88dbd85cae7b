package io.troupe.replication;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.troupe.TestServer;
import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.Jedis;

/**
 * A scripted fake master (a ServerSocket) that misbehaves: garbage instead of
 * the RDB, a link closed mid-RDB, an RDB with a bad checksum, garbage in the
 * stream. The replica keeps its data, says why in its log, retries, and
 * serves on.
 */
class FaultyMasterIT {
  private static TestServer replica;
  private static TestServer source;

  @BeforeAll
  static void start() {
    replica = TestServer.start();
    source = TestServer.start(); // produces a valid RDB to mangle
  }

  @AfterAll
  static void stop() {
    replica.close();
    source.close();
  }

  /** A valid RDB payload (the DUMP-independent SAVE file of {@code source}). */
  private static byte[] validRdb() throws IOException {
    try (Jedis s = new Jedis(source.host(), source.port())) {
      s.set("from", "master");
      s.save();
    }
    return java.nio.file.Files.readAllBytes(source.dir().resolve("dump.rdb"));
  }

  /** Serves each replica connection with {@code script} after answering its handshake. */
  private static ServerSocket fakeMaster(AtomicInteger connections, Script script) throws IOException {
    ServerSocket ss = new ServerSocket(0, 5, java.net.InetAddress.getLoopbackAddress());
    Thread t = new Thread(() -> {
      while (!ss.isClosed()) {
        try (Socket s = ss.accept()) {
          connections.incrementAndGet();
          BufferedReader in = new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.ISO_8859_1));
          OutputStream out = s.getOutputStream();
          // PING, REPLCONF listening-port, REPLCONF capa, PSYNC: each a multibulk; answer them.
          for (int cmd = 0; cmd < 4; cmd++) {
            String head = in.readLine();
            int n = Integer.parseInt(head.substring(1));
            String name = null;
            for (int i = 0; i < n; i++) {
              in.readLine();
              String arg = in.readLine();
              if (i == 0) {
                name = arg;
              }
            }
            if (name.equalsIgnoreCase("PING")) {
              out.write("+PONG\r\n".getBytes(StandardCharsets.US_ASCII));
            } else if (name.equalsIgnoreCase("PSYNC")) {
              out.write(("+FULLRESYNC " + "a".repeat(40) + " 0\r\n").getBytes(StandardCharsets.US_ASCII));
            } else {
              out.write("+OK\r\n".getBytes(StandardCharsets.US_ASCII));
            }
          }
          script.run(out, s.getInputStream());
          out.flush();
          Thread.sleep(200);
        } catch (IOException | InterruptedException | RuntimeException e) {
          // next connection
        }
      }
    }, "fake-master");
    t.setDaemon(true);
    t.start();
    return ss;
  }

  interface Script {
    void run(OutputStream out, InputStream in) throws IOException;
  }

  private void expectOldDataKeptAndRetries(Script script) throws Exception {
    try (Jedis r = new Jedis(replica.host(), replica.port(), 10_000)) {
      r.replicaofNoOne();
      r.flushAll();
      r.set("mine", "kept");
      AtomicInteger connections = new AtomicInteger();
      try (ServerSocket fake = fakeMaster(connections, script)) {
        r.replicaof("127.0.0.1", fake.getLocalPort());
        Datasets.await(10_000, "two attempts", () -> connections.get() >= 2);
        assertEquals("kept", r.get("mine"));
        assertEquals("down", Datasets.info(r, "replication", "master_link_status"));
        assertEquals("PONG", r.ping());
      } finally {
        r.replicaofNoOne();
      }
    }
  }

  @Test
  void garbageInsteadOfRdb() throws Exception {
    expectOldDataKeptAndRetries((out, in) -> out.write("*garbage\r\nmore garbage\r\n".getBytes(StandardCharsets.US_ASCII)));
  }

  @Test
  void closedMidRdb() throws Exception {
    byte[] rdb = validRdb();
    expectOldDataKeptAndRetries((out, in) -> {
      out.write(("$" + rdb.length + "\r\n").getBytes(StandardCharsets.US_ASCII));
      out.write(rdb, 0, rdb.length / 2);
    });
  }

  @Test
  void badChecksum() throws Exception {
    byte[] rdb = validRdb();
    rdb[rdb.length - 1] ^= 0x5a;
    expectOldDataKeptAndRetries((out, in) -> {
      out.write(("$" + rdb.length + "\r\n").getBytes(StandardCharsets.US_ASCII));
      out.write(rdb);
    });
  }

  @Test
  void garbageInTheStreamAfterAGoodSync() throws Exception {
    byte[] rdb = validRdb();
    try (Jedis r = new Jedis(replica.host(), replica.port(), 10_000)) {
      r.replicaofNoOne();
      AtomicInteger connections = new AtomicInteger();
      try (ServerSocket fake = fakeMaster(connections, (out, in) -> {
        String eof = "e".repeat(40);
        out.write(("$EOF:" + eof + "\r\n").getBytes(StandardCharsets.US_ASCII));
        out.write(rdb);
        out.write(eof.getBytes(StandardCharsets.US_ASCII));
        out.write("*1\r\n$4\r\nPING\r\n*3\r\n$3\r\nSET\r\n$1\r\nx\r\n$1\r\n1\r\n".getBytes(StandardCharsets.US_ASCII));
        out.flush();
        try {
          Thread.sleep(300);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
        out.write("!!!nonsense\r\n".getBytes(StandardCharsets.US_ASCII));
      })) {
        r.replicaof("127.0.0.1", fake.getLocalPort());
        Datasets.await(10_000, "synced", () -> "master".equals(r.get("from")) && "1".equals(r.get("x")));
        Datasets.await(10_000, "reconnects", () -> connections.get() >= 2);
        assertEquals("1", r.get("x"));
      } finally {
        r.replicaofNoOne();
      }
    }
  }
}

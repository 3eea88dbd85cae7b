package io.troupe.resp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.troupe.TestServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.Jedis;

/**
 * Malformed input from many connections at once: the server stays up, other
 * clients (connected before and after) are served, and a protocol error
 * closes only the connection that sent it.
 */
class RespFuzzIT {
  private static TestServer server;

  @BeforeAll
  static void start() {
    server = TestServer.start();
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  private static byte[] b(String s) {
    return s.getBytes(StandardCharsets.ISO_8859_1);
  }

  private Socket connect() throws IOException {
    Socket s = new Socket(server.host(), server.port());
    s.setSoTimeout(3000);
    s.setTcpNoDelay(true);
    return s;
  }

  /** Reads until EOF or until nothing arrives for {@code quietMs}; returns what came and whether EOF was seen. */
  private static String drain(Socket s, int quietMs, boolean[] eof) throws IOException {
    s.setSoTimeout(quietMs);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    InputStream in = s.getInputStream();
    byte[] buf = new byte[8192];
    try {
      while (true) {
        int n = in.read(buf);
        if (n < 0) {
          eof[0] = true;
          break;
        }
        out.write(buf, 0, n);
      }
    } catch (SocketTimeoutException e) {
      eof[0] = false;
    } catch (IOException e) {
      eof[0] = true; // reset by the server after it closed
    }
    return out.toString(StandardCharsets.ISO_8859_1);
  }

  /** Reads exactly the reply length expected (as a string of {@code n} bytes). */
  private static String read(Socket s, int n) throws IOException {
    byte[] b = s.getInputStream().readNBytes(n);
    return new String(b, StandardCharsets.ISO_8859_1);
  }

  // ---- garbage generators ---------------------------------------------------------------

  private static final String[] WORDS = {"PING", "ECHO", "GET", "*", "$", "*1", "*2", "*3", "$4",
      "$-1", "$0", "*-1", "*0", "\r\n", "\r", "\n", "\"", "'", "\\x41", "\\", " ", "\t", "\0", "-1", "0",
      "99999999999999999999", "2147483648", "536870913", "-9223372036854775808", ":", "+", "-", "%", "~"};

  private static byte[] garbage(Random rnd) {
    ByteArrayOutputStream o = new ByteArrayOutputStream();
    switch (rnd.nextInt(8)) {
      case 0 -> { // random bytes
        byte[] r = new byte[1 + rnd.nextInt(4096)];
        rnd.nextBytes(r);
        o.writeBytes(r);
      }
      case 1 -> { // token soup
        for (int i = rnd.nextInt(200); i >= 0; i--) {
          o.writeBytes(b(WORDS[rnd.nextInt(WORDS.length)]));
        }
      }
      case 2 -> { // a valid command truncated at a random point
        byte[] full = b("*3\r\n$4\r\nECHO\r\n$5\r\nhello\r\n$3\r\nxyz\r\n");
        o.write(full, 0, rnd.nextInt(full.length));
      }
      case 3 -> { // huge or negative lengths
        String[] h = {"*2147483647\r\n", "*" + Long.MAX_VALUE + "\r\n", "*1\r\n$536870912\r\n",
            "*1\r\n$536870913\r\n", "*1\r\n$-5\r\n", "*-2147483649\r\nPING\r\n", "*1\r\n$2147483647\r\n",
            "*3\r\n$3\r\nGET\r\n$100000000\r\nabc"};
        o.writeBytes(b(h[rnd.nextInt(h.length)]));
      }
      case 4 -> { // nested garbage: multibulk headers inside multibulks
        for (int i = rnd.nextInt(50); i >= 0; i--) {
          o.writeBytes(b("*" + (rnd.nextInt(5) - 1) + "\r\n"));
          if (rnd.nextBoolean()) {
            o.writeBytes(b("$" + rnd.nextInt(10) + "\r\n"));
          }
          if (rnd.nextInt(4) == 0) {
            o.writeBytes(b("*2\r\n*1\r\n$4\r\nPING\r\n"));
          }
        }
      }
      case 5 -> { // unbalanced quotes inline
        o.writeBytes(b("ECHO \"abc\r\n"));
      }
      case 6 -> { // an endless inline line
        o.writeBytes(b("x".repeat(70_000)));
      }
      default -> { // valid commands, then garbage
        o.writeBytes(b("PING\r\n*2\r\n$4\r\nECHO\r\n$2\r\nok\r\n"));
        byte[] r = new byte[rnd.nextInt(64)];
        rnd.nextBytes(r);
        o.writeBytes(r);
      }
    }
    return o.toByteArray();
  }

  @Test
  void manyConnectionsOfGarbageLeaveTheServerServing() throws Exception {
    try (Jedis before = new Jedis(server.host(), server.port())) {
      assertEquals("PONG", before.ping());
      ExecutorService pool = Executors.newFixedThreadPool(16);
      List<Future<?>> runs = new ArrayList<>();
      for (int i = 0; i < 400; i++) {
        long seed = 1000 + i;
        runs.add(pool.submit(() -> {
          Random rnd = new Random(seed);
          try (Socket s = connect()) {
            for (int k = rnd.nextInt(4); k >= 0; k--) {
              s.getOutputStream().write(garbage(rnd));
            }
            s.getOutputStream().flush();
            drain(s, 100, new boolean[1]);
          } catch (IOException closedByServer) {
            // expected for many inputs: the server replied with an error and closed
          }
          return null;
        }));
      }
      for (Future<?> f : runs) {
        f.get(60, TimeUnit.SECONDS);
      }
      pool.shutdown();

      assertEquals("PONG", before.ping());
      assertNull(before.get("fuzz:missing"));
      assertEquals("still here", before.echo("still here"));
    }
    try (Jedis after = new Jedis(server.host(), server.port())) {
      assertEquals("PONG", after.ping());
      assertNull(after.get("fuzz:missing"));
      assertEquals("x".repeat(100_000), after.echo("x".repeat(100_000)));
    }
  }

  @Test
  void aProtocolErrorClosesOnlyTheOffendingConnection() throws Exception {
    try (Socket good = connect(); Socket bad = connect()) {
      // the good client is in the middle of a command when the bad one errs
      good.getOutputStream().write(b("*2\r\n$4\r\nECHO\r\n$5\r\nhel"));
      good.getOutputStream().flush();

      bad.getOutputStream().write(b("PING\r\n*1\r\nxPING\r\nPING\r\n"));
      boolean[] eof = new boolean[1];
      String got = drain(bad, 3000, eof);
      assertEquals("+PONG\r\n-ERR Protocol error: expected '$', got 'x'\r\n", got);
      assertTrue(eof[0], "the offending connection is closed");

      good.getOutputStream().write(b("lo\r\nPING\r\n"));
      assertEquals("$5\r\nhello\r\n+PONG\r\n", read(good, 18));
    }
  }

  @Test
  void eachProtocolErrorIsAnsweredThenClosed() throws Exception {
    String[][] cases = {
        {"*abc\r\n", "-ERR Protocol error: invalid multibulk length\r\n"},
        {"*1\r\n$-1\r\n", "-ERR Protocol error: invalid bulk length\r\n"},
        {"*1\r\n$600000000\r\n", "-ERR Protocol error: invalid bulk length\r\n"},
        {"ECHO \"a\r\n", "-ERR Protocol error: unbalanced quotes in request\r\n"},
        {"x".repeat(70_000), "-ERR Protocol error: too big inline request\r\n"},
        {"*" + "1".repeat(70_000), "-ERR Protocol error: too big mbulk count string\r\n"},
        {"*1\r\n$" + "1".repeat(70_000), "-ERR Protocol error: too big bulk count string\r\n"},
        {"*1\r\n$4\r\nPINGxx$4\r\n", "+PONG\r\n-ERR unknown command '$4', with args beginning with: \r\n"},
    };
    for (String[] c : cases) {
      try (Socket s = connect()) {
        s.getOutputStream().write(b(c[0]));
        boolean[] eof = new boolean[1];
        String got = drain(s, c[1].startsWith("+PONG") ? 500 : 3000, eof);
        assertEquals(c[1], got, c[0].length() > 40 ? c[0].substring(0, 40) : c[0]);
        assertEquals(!c[1].startsWith("+PONG"), eof[0], "closed after " + c[1]);
      }
    }
  }

  @Test
  void inlineAndEmptyMultibulksAreServed() throws Exception {
    try (Socket s = connect()) {
      s.getOutputStream().write(b("*0\r\n*-1\r\n\r\nPING\r\nECHO \"\\x41B\"\r\n"));
      assertEquals("+PONG\r\n$2\r\nAB\r\n", read(s, 15));
    }
  }
}

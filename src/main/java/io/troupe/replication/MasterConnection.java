package io.troupe.replication;

import io.troupe.persistence.rdb.RdbException;
import io.troupe.persistence.rdb.RdbReader;
import io.troupe.persistence.rdb.ValueLimits;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.function.Consumer;

/**
 * The replica's socket to its master, read by one dedicated thread (Redis's
 * syncWithMaster, readSyncBulkPayload and the master client's read handler):
 * the handshake (PING, AUTH, REPLCONF, PSYNC), the RDB transfer (either
 * {@code $len} or the diskless {@code $EOF:<mark>} form), then the command
 * stream, parsed into commands with their sizes in bytes.
 *
 * <p>Why a thread with a blocking socket and not Pekko Streams: every step of
 * the handshake and the transfer is a blocking read of a known shape, and the
 * stream must be applied in order with an exact byte count per command; a
 * plain reader states that directly, while {@code repl-timeout} is the
 * socket's read timeout. The thread only reads and parses; everything that
 * touches state is a message to the {@link ReplicationLink} actor, and a
 * semaphore bounds the parsed chunks it has not applied yet (backpressure).
 */
final class MasterConnection implements Runnable {

  /** What the reader reports to the link actor. */
  sealed interface Event {}

  record Connected() implements Event {}

  /** +FULLRESYNC replid offset and the whole RDB payload, checked; {@code loaded} completes once applied. */
  record FullSync(String replid, long offset, byte[] rdb, CompletableFuture<Boolean> loaded) implements Event {}

  /** +CONTINUE [replid]: a partial resync; replid null when the master kept its id. */
  record Continue(String replid) implements Event {}

  /** Complete commands of the stream, their sizes, and the bytes they were read from. */
  record Chunk(List<byte[][]> commands, int[] sizes, byte[] raw) implements Event {}

  /** The link failed or was closed; {@code reason} as Redis would log it. */
  record Lost(String reason) implements Event {}

  /** What the handshake needs from the configuration. */
  record Settings(String host, int port, String user, String password, int listeningPort, String announceIp,
      String replid, long offset, int timeoutSeconds, ValueLimits limits) {}

  private static final int MAX_INFLIGHT_CHUNKS = 16;

  private final Settings settings;
  private final Consumer<Event> events;
  private final Semaphore inflight = new Semaphore(MAX_INFLIGHT_CHUNKS);
  private volatile Socket socket;
  private volatile OutputStream out;
  private volatile boolean closed;
  private InputStream in;
  private byte[] buf = new byte[1 << 16];
  private int start;
  private int end;

  MasterConnection(Settings settings, Consumer<Event> events) {
    this.settings = settings;
    this.events = events;
  }

  /** The link applied a chunk: the reader may parse one more. */
  void chunkApplied() {
    inflight.release();
  }

  /** Writes a command to the master (REPLCONF ACK); false when the link is down. */
  boolean send(String... argv) {
    OutputStream o = out;
    if (o == null || closed) {
      return false;
    }
    ByteArrayOutputStream b = new ByteArrayOutputStream();
    byte[][] parts = new byte[argv.length][];
    for (int i = 0; i < argv.length; i++) {
      parts[i] = argv[i].getBytes(StandardCharsets.UTF_8);
    }
    ReplicationMaster.encode(b, parts);
    try {
      synchronized (this) {
        o.write(b.toByteArray());
        o.flush();
      }
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  void close() {
    closed = true;
    Socket s = socket;
    if (s != null) {
      try {
        s.close();
      } catch (IOException ignored) {
        // closing anyway
      }
    }
  }

  @Override
  public void run() {
    try {
      Socket s = new Socket();
      socket = s;
      if (closed) {
        return;
      }
      s.connect(new InetSocketAddress(settings.host(), settings.port()), settings.timeoutSeconds() * 1000);
      s.setSoTimeout(settings.timeoutSeconds() * 1000);
      s.setTcpNoDelay(true);
      in = s.getInputStream();
      out = s.getOutputStream();
      events.accept(new Connected());
      handshake();
      stream();
    } catch (SocketTimeoutException e) {
      lost("Timeout connecting to the MASTER... (or no data nor PING received for " + settings.timeoutSeconds()
          + " seconds)");
    } catch (EOFException e) {
      lost(e.getMessage() == null ? "Connection lost" : e.getMessage());
    } catch (IOException e) {
      lost("Error condition on socket for SYNC: " + e.getMessage());
    } catch (ProtocolError e) {
      lost(e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      lost("interrupted");
    } finally {
      close();
    }
  }

  private void lost(String reason) {
    if (!closed) {
      events.accept(new Lost(reason));
    }
  }

  /** A reply or stream the replica cannot accept. */
  static final class ProtocolError extends Exception {
    ProtocolError(String message) {
      super(message);
    }
  }

  private void handshake() throws IOException, ProtocolError, InterruptedException {
    send("PING");
    String pong = readLine();
    if (pong.startsWith("-") && !pong.startsWith("-NOAUTH") && !pong.startsWith("-NOPERM")
        && !pong.startsWith("-ERR operation not permitted")) {
      throw new ProtocolError("Error reply to PING from master: '" + pong + "'");
    }
    if (!settings.password().isEmpty()) {
      if (settings.user().isEmpty()) {
        send("AUTH", settings.password());
      } else {
        send("AUTH", settings.user(), settings.password());
      }
      String auth = readLine();
      if (auth.startsWith("-")) {
        throw new ProtocolError("Unable to AUTH to MASTER: " + auth);
      }
    }
    send("REPLCONF", "listening-port", Integer.toString(settings.listeningPort()));
    readLine(); // an error is not fatal (Redis only logs it)
    if (!settings.announceIp().isEmpty()) {
      send("REPLCONF", "ip-address", settings.announceIp());
      readLine();
    }
    send("REPLCONF", "capa", "eof", "capa", "psync2");
    readLine();
    send("PSYNC", settings.replid(), Long.toString(settings.offset() + 1));
    String reply = readLine();
    if (reply.startsWith("+FULLRESYNC")) {
      String[] f = reply.split(" ");
      if (f.length < 3 || !ReplIds.valid(f[1])) {
        throw new ProtocolError("Master replied with wrong +FULLRESYNC syntax.");
      }
      long offset;
      try {
        offset = Long.parseLong(f[2]);
      } catch (NumberFormatException e) {
        throw new ProtocolError("Master replied with wrong +FULLRESYNC syntax.");
      }
      byte[] rdb = readRdb();
      verify(rdb);
      CompletableFuture<Boolean> loaded = new CompletableFuture<>();
      events.accept(new FullSync(f[1], offset, rdb, loaded));
      try {
        if (!loaded.get()) {
          throw new ProtocolError("Failed trying to load the MASTER synchronization DB from disk");
        }
      } catch (java.util.concurrent.ExecutionException e) {
        throw new ProtocolError("Failed trying to load the MASTER synchronization DB: " + e.getCause());
      }
    } else if (reply.startsWith("+CONTINUE")) {
      String id = reply.length() > "+CONTINUE ".length() ? reply.substring("+CONTINUE ".length()).trim() : "";
      events.accept(new Continue(ReplIds.valid(id) ? id : null));
    } else if (reply.startsWith("-NOMASTERLINK") || reply.startsWith("-LOADING")) {
      throw new ProtocolError("Master is currently unable to PSYNC but should be in the future: " + reply);
    } else {
      throw new ProtocolError("Unexpected reply to PSYNC from master: " + reply);
    }
  }

  /** readSyncBulkPayload: the RDB after +FULLRESYNC, in either form; newlines before it are keepalives. */
  private byte[] readRdb() throws IOException, ProtocolError {
    String header;
    do {
      header = readLine();
    } while (header.isEmpty());
    if (header.startsWith("-")) {
      throw new ProtocolError("MASTER aborted replication with an error: " + header.substring(1));
    }
    if (!header.startsWith("$")) {
      throw new ProtocolError("Bad protocol from MASTER, the first byte is not '$' (we received '" + header
          + "'), are you sure the host and port are right?");
    }
    if (header.startsWith("$EOF:")) {
      byte[] mark = header.substring(5).getBytes(StandardCharsets.US_ASCII);
      if (mark.length != 40) {
        throw new ProtocolError("Bad EOF mark from MASTER: " + header);
      }
      // The mark ends the payload; what follows it in the same read is the stream.
      Payload rdb = new Payload();
      while (true) {
        if (start == end) {
          fill();
        }
        int from = Math.max(0, rdb.size() - 39);
        rdb.write(buf, start, end - start);
        int at = rdb.indexOf(mark, from);
        if (at >= 0) {
          int extra = rdb.size() - (at + 40);
          start = end - extra;
          return rdb.prefix(at);
        }
        start = end;
      }
    }
    long len;
    try {
      len = Long.parseLong(header.substring(1));
    } catch (NumberFormatException e) {
      throw new ProtocolError("Bad RDB length from MASTER: " + header);
    }
    if (len < 0 || len > Integer.MAX_VALUE - 16) {
      throw new ProtocolError("Bad RDB length from MASTER: " + header);
    }
    byte[] rdb = new byte[(int) len];
    int got = 0;
    while (got < len) {
      if (start == end) {
        fill();
      }
      int n = (int) Math.min(end - start, len - got);
      System.arraycopy(buf, start, rdb, got, n);
      start += n;
      got += n;
    }
    return rdb;
  }

  /** A growing payload that can search its own bytes. */
  private static final class Payload extends ByteArrayOutputStream {
    Payload() {
      super(1 << 16);
    }

    int indexOf(byte[] mark, int from) {
      outer:
      for (int i = from; i + mark.length <= count; i++) {
        for (int j = 0; j < mark.length; j++) {
          if (buf[i + j] != mark[j]) {
            continue outer;
          }
        }
        return i;
      }
      return -1;
    }

    byte[] prefix(int n) {
      return Arrays.copyOf(buf, n);
    }
  }

  /** Parses the whole payload (checksum included) before the old data is dropped for it. */
  private void verify(byte[] rdb) throws ProtocolError, IOException {
    try {
      new RdbReader(settings.limits(), true).read(new ByteArrayInputStream(rdb), new RdbReader.Visitor() {
        @Override
        public void onEntry(int db, byte[] key, Object value, long expireAtMs, long lruIdle, int lfuFreq) {
          // only checking
        }
      });
    } catch (RdbException e) {
      throw new ProtocolError("Failed trying to load the MASTER synchronization DB: " + e.getMessage());
    }
  }

  /** The command stream: complete commands, in chunks, as they arrive. */
  private void stream() throws IOException, ProtocolError, InterruptedException {
    while (!closed) {
      List<byte[][]> cmds = new ArrayList<>();
      List<Integer> sizes = new ArrayList<>();
      int chunkStart = start;
      ProtocolError error = null;
      while (true) {
        int before = start;
        byte[][] argv;
        try {
          argv = parseCommand();
        } catch (ProtocolError e) {
          error = e; // what came before the bad bytes is applied first
          start = before;
          break;
        }
        if (argv == null) {
          start = before;
          break;
        }
        cmds.add(argv);
        sizes.add(start - before);
      }
      if (!cmds.isEmpty()) {
        inflight.acquire();
        int[] sz = new int[sizes.size()];
        for (int i = 0; i < sz.length; i++) {
          sz[i] = sizes.get(i);
        }
        events.accept(new Chunk(cmds, sz, Arrays.copyOfRange(buf, chunkStart, start)));
      }
      if (error != null) {
        throw error;
      }
      if (start == end) {
        start = end = 0;
      } else if (start > buf.length / 2) {
        System.arraycopy(buf, start, buf, 0, end - start);
        end -= start;
        start = 0;
      }
      fill();
    }
  }

  /**
   * One multibulk command from {@code buf[start..end)}, advancing {@code start};
   * null when it is not complete yet.
   */
  private byte[][] parseCommand() throws ProtocolError {
    if (start >= end) {
      return null;
    }
    if (buf[start] == '\n') { // a keepalive newline
      start++;
      return new byte[0][];
    }
    if (buf[start] != '*') {
      throw new ProtocolError("Protocol error: expected '*', got '" + (char) buf[start] + "' in the MASTER stream");
    }
    int pos = start + 1;
    long[] num = new long[1];
    pos = parseNumber(pos, num);
    if (pos < 0) {
      return null;
    }
    if (num[0] < 0 || num[0] > 1024 * 1024) {
      throw new ProtocolError("Protocol error: invalid multibulk length in the MASTER stream");
    }
    byte[][] argv = new byte[(int) num[0]][];
    for (int i = 0; i < argv.length; i++) {
      if (pos >= end) {
        return null;
      }
      if (buf[pos] != '$') {
        throw new ProtocolError("Protocol error: expected '$', got '" + (char) buf[pos] + "' in the MASTER stream");
      }
      pos = parseNumber(pos + 1, num);
      if (pos < 0) {
        return null;
      }
      long len = num[0];
      if (len < 0 || len > 512L * 1024 * 1024) {
        throw new ProtocolError("Protocol error: invalid bulk length in the MASTER stream");
      }
      if (pos + len + 2 > end) {
        ensureRoom((int) (len + 2 + (pos - start)));
        return null;
      }
      argv[i] = Arrays.copyOfRange(buf, pos, (int) (pos + len));
      if (buf[(int) (pos + len)] != '\r' || buf[(int) (pos + len + 1)] != '\n') {
        throw new ProtocolError("Protocol error: bad bulk terminator in the MASTER stream");
      }
      pos += (int) len + 2;
    }
    start = pos;
    return argv;
  }

  /** Reads digits up to CRLF from {@code pos}; returns the position after CRLF, or -1 when incomplete. */
  private int parseNumber(int pos, long[] out) throws ProtocolError {
    long n = 0;
    boolean neg = false;
    int p = pos;
    if (p < end && buf[p] == '-') {
      neg = true;
      p++;
    }
    int digits = 0;
    while (p < end && buf[p] != '\r') {
      byte c = buf[p];
      if (c < '0' || c > '9' || ++digits > 18) {
        throw new ProtocolError("Protocol error: bad number in the MASTER stream");
      }
      n = n * 10 + (c - '0');
      p++;
    }
    if (p + 1 >= end) {
      return -1;
    }
    if (buf[p + 1] != '\n') {
      throw new ProtocolError("Protocol error: bad line terminator in the MASTER stream");
    }
    out[0] = neg ? -n : n;
    return p + 2;
  }

  /** Makes sure a command of {@code need} bytes fits in the buffer (from {@code start}). */
  private void ensureRoom(int need) {
    if (need > buf.length) {
      byte[] b = new byte[Math.max(need, buf.length * 2)];
      System.arraycopy(buf, start, b, 0, end - start);
      end -= start;
      start = 0;
      buf = b;
    }
  }

  /** Reads more bytes after {@code end}; EOF means the master closed the link. */
  private void fill() throws IOException {
    if (end == buf.length) {
      if (start > 0) {
        System.arraycopy(buf, start, buf, 0, end - start);
        end -= start;
        start = 0;
      } else {
        buf = Arrays.copyOf(buf, buf.length * 2);
      }
    }
    int n = in.read(buf, end, buf.length - end);
    if (n < 0) {
      throw new EOFException("Connection with master lost.");
    }
    end += n;
  }

  /** One line of a reply, without its CRLF (a bare LF ends a line too, as keepalives are). */
  private String readLine() throws IOException, ProtocolError {
    while (true) {
      for (int i = start; i < end; i++) {
        if (buf[i] == '\n') {
          int stop = i > start && buf[i - 1] == '\r' ? i - 1 : i;
          String line = new String(buf, start, stop - start, StandardCharsets.UTF_8);
          start = i + 1;
          return line;
        }
      }
      if (end - start > 64 * 1024) {
        throw new ProtocolError("Bad protocol from MASTER: reply line too long");
      }
      fill();
    }
  }
}

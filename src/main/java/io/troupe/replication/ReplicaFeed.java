package io.troupe.replication;

import io.troupe.command.RawOutput;
import java.util.function.Consumer;

/**
 * One replica as its master sees it (Redis's client with the SLAVE flag):
 * its state (wait_bgsave, send_bulk, online), the offset it acknowledged,
 * and the connection its stream is written to. The connection's own actor
 * writes the bytes (within client-output-buffer-limit replica); this object
 * lives in {@link ReplicationMaster}, which owns the stream every feed shares,
 * so a write is encoded once and handed to each connection without another hop.
 */
final class ReplicaFeed {
  static final String WAIT_BGSAVE = "wait_bgsave";
  static final String SEND_BULK = "send_bulk";
  static final String ONLINE = "online";

  final long clientId;
  final String ip;
  final int port;
  private final Consumer<Object> out;
  final Runnable kill;
  String state = WAIT_BGSAVE;
  /** Whether it gets the stream as it grows (after its RDB or +CONTINUE). */
  boolean streaming;
  /** PSYNC (answered with +FULLRESYNC/+CONTINUE) rather than the old SYNC. */
  boolean psync;
  /**
   * After its RDB, the stream waits here until the replica's first ACK: a
   * replica reading a diskless ($EOF) payload must not find stream bytes in
   * the same read (Redis's repl_start_cmd_stream_on_ack).
   */
  java.io.ByteArrayOutputStream held;
  long ackOffset;
  long lastAckMillis = System.currentTimeMillis();

  ReplicaFeed(long clientId, String ip, int port, Consumer<Object> out, Runnable kill) {
    this.clientId = clientId;
    this.ip = ip;
    this.port = port;
    this.out = out;
    this.kill = kill;
  }

  /** The stream's next bytes: sent, or held until the first ACK. */
  void stream(byte[] bytes) {
    if (held != null) {
      held.write(bytes, 0, bytes.length);
    } else {
      send(bytes);
    }
  }

  /** The first ACK after the RDB: what was held goes out, and the stream flows. */
  void releaseHeld() {
    if (held != null) {
      byte[] b = held.toByteArray();
      held = null;
      if (b.length > 0) {
        send(b);
      }
    }
  }

  void send(byte[] bytes) {
    out.accept(new RawOutput(bytes));
  }
}

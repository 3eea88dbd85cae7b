package io.troupe.connection;

import io.troupe.command.ClientInfo;
import io.troupe.command.Session;

/**
 * One CLIENT LIST / CLIENT INFO line, with Redis 7.0's fields in Redis 7.0's
 * order (catClientInfoString). The memory fields are Troupe's own figures:
 * qbuf and argv-mem are the command being run (only the asking client is
 * mid-command when a listing is made), rbs/rbp the connection's reply buffer,
 * and tot-mem those plus an estimate of a connection's fixed objects.
 */
final class ClientListFormat {
  private ClientListFormat() {}

  /** Estimated bytes of one connection's fixed objects (stage logic, decoder, client info). */
  static final long CONNECTION_OVERHEAD = 2048;

  /**
   * Appends {@code c}'s line (no newline) to {@code out}. {@code asker} and
   * {@code argv} are the session running the listing and its command, whose
   * query buffer and argument bytes show on its own line.
   */
  static StringBuilder append(StringBuilder out, ClientInfo c, Session asker, byte[][] argv,
      long now) {
    boolean self = c.id == asker.clientId();
    long qbuf = self ? requestBytes(argv) : c.queryBufferBytes;
    long argvMem = self ? argBytes(argv) : 0;
    int multi = c.multi ? Math.max(0, c.multiCount) : -1;
    long multiMem = c.multi ? c.multiMem : 0;
    long omem = c.outputBufferBytes;
    long totMem = CONNECTION_OVERHEAD + qbuf + argvMem + multiMem + c.replyBufferSize + omem
        + c.name.length();
    out.append("id=").append(c.id)
        .append(" addr=").append(c.addr)
        .append(" laddr=").append(c.laddr)
        .append(" fd=").append(c.fd)
        .append(" name=").append(c.name)
        .append(" age=").append((now - c.createdMillis) / 1000)
        .append(" idle=").append(Math.max(0, now - c.lastInteractionMillis) / 1000)
        .append(" flags=");
    appendFlags(out, c);
    out.append(" db=").append(c.db)
        .append(" sub=").append(c.subscriptions)
        .append(" psub=").append(c.patterns)
        .append(" ssub=").append(c.shardSubscriptions)
        .append(" multi=").append(multi)
        .append(" qbuf=").append(qbuf)
        .append(" qbuf-free=0")
        .append(" argv-mem=").append(argvMem)
        .append(" multi-mem=").append(multiMem)
        .append(" rbs=").append(c.replyBufferSize)
        .append(" rbp=").append(c.replyBufferPeak)
        .append(" obl=0")
        .append(" oll=").append(omem > 0 ? 1 : 0)
        .append(" omem=").append(omem)
        .append(" tot-mem=").append(totMem)
        .append(" events=").append(omem > 0 ? "rw" : "r")
        .append(" cmd=").append(c.lastCommand)
        .append(" user=").append(c.user)
        .append(" redir=").append(c.trackingRedirect)
        .append(" resp=").append(c.resp);
    return out;
  }

  /** Redis's flag letters in Redis's order; "N" when none applies. */
  static void appendFlags(StringBuilder out, ClientInfo c) {
    int start = out.length();
    if (c.monitor) {
      out.append('O');
    } else if (c.replica) {
      out.append('S');
    }
    if (c.master) {
      out.append('M');
    }
    if (c.pubsub()) {
      out.append('P');
    }
    if (c.multi) {
      out.append('x');
    }
    if (c.blocked) {
      out.append('b');
    }
    if (c.tracking) {
      out.append('t');
    }
    if (c.dirtyCas) {
      out.append('d');
    }
    if (c.closeAfterReply) {
      out.append('c');
    }
    if (c.readonly) {
      out.append('r');
    }
    if (c.noEvict) {
      out.append('e');
    }
    if (out.length() == start) {
      out.append('N');
    }
  }

  /** The RESP size of a command: its array header and one bulk string per argument. */
  static long requestBytes(byte[][] argv) {
    long n = 1 + digits(argv.length) + 2;
    for (byte[] a : argv) {
      n += 1 + digits(a.length) + 2 + a.length + 2;
    }
    return n;
  }

  /** The bytes of a command's arguments (Redis's argv-mem). */
  static long argBytes(byte[][] argv) {
    long n = 0;
    for (byte[] a : argv) {
      n += a.length;
    }
    return n;
  }

  private static int digits(int n) {
    return Integer.toString(n).length();
  }
}

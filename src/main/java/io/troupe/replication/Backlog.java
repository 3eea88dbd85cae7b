package io.troupe.replication;

/**
 * The replication backlog (Redis's repl_backlog): a circular buffer holding
 * the last {@code size} bytes of the replication stream, so a replica that
 * reconnects can continue from its offset instead of resyncing fully.
 *
 * <p>Offsets are Redis's: the stream's first byte has offset 1; the backlog
 * holds bytes {@link #firstByteOffset()} .. {@link #endOffset()} inclusive
 * ({@link #histlen()} of them). Plain Java, owned by one actor.
 */
final class Backlog {
  private byte[] buf;
  /** Where the next byte goes in {@link #buf}. */
  private int idx;
  private long histlen;
  /** The offset of the last byte written (master_repl_offset). */
  private long endOffset;

  /** An empty backlog of {@code size} bytes whose next byte will have offset {@code endOffset + 1}. */
  Backlog(int size, long endOffset) {
    this.buf = new byte[Math.max(1, size)];
    this.endOffset = endOffset;
  }

  long endOffset() {
    return endOffset;
  }

  /** repl_backlog_first_byte_offset: the offset of the oldest byte held (endOffset + 1 when empty). */
  long firstByteOffset() {
    return endOffset - histlen + 1;
  }

  long histlen() {
    return histlen;
  }

  int size() {
    return buf.length;
  }

  /** Appends {@code data} to the stream: the offset grows by its length; the oldest bytes fall out. */
  void append(byte[] data) {
    append(data, 0, data.length);
  }

  void append(byte[] data, int from, int len) {
    endOffset += len;
    if (len >= buf.length) {
      System.arraycopy(data, from + len - buf.length, buf, 0, buf.length);
      idx = 0;
      histlen = buf.length;
      return;
    }
    int first = Math.min(len, buf.length - idx);
    System.arraycopy(data, from, buf, idx, first);
    System.arraycopy(data, from + first, buf, 0, len - first);
    idx = (idx + len) % buf.length;
    histlen = Math.min(buf.length, histlen + len);
  }

  /** Whether a replica may continue from {@code offset} (the first byte it lacks). */
  boolean covers(long offset) {
    return offset >= firstByteOffset() && offset <= endOffset + 1;
  }

  /** The bytes from {@code offset} (which {@link #covers}) to the end. */
  byte[] from(long offset) {
    int n = (int) (endOffset + 1 - offset);
    byte[] out = new byte[n];
    int start = Math.floorMod(idx - n, buf.length);
    int first = Math.min(n, buf.length - start);
    System.arraycopy(buf, start, out, 0, first);
    System.arraycopy(buf, 0, out, first, n - first);
    return out;
  }

  /**
   * resizeReplicationBacklog (CONFIG SET repl-backlog-size): keeps the newest
   * bytes that fit.
   */
  void resize(int size) {
    size = Math.max(1, size);
    if (size == buf.length) {
      return;
    }
    long keep = Math.min(histlen, size);
    byte[] tail = from(endOffset + 1 - keep);
    buf = new byte[size];
    idx = 0;
    histlen = 0;
    long end = endOffset;
    endOffset -= keep;
    append(tail);
    endOffset = end;
  }
}

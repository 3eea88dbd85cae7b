package io.troupe.connection;

import java.util.BitSet;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Hands out client ids, increasing from 1 as Redis's do, and the descriptor
 * numbers CLIENT LIST shows: the lowest free one from {@link #FIRST_FD}, reused
 * when a connection closes, as accepted sockets' descriptors are.
 */
public final class ClientIds {
  /** Redis's first client gets fd 8 (after stdio, the event loop and the listeners). */
  static final int FIRST_FD = 8;

  private final AtomicLong next = new AtomicLong(1);
  private final BitSet fds = new BitSet();

  public long next() {
    return next.getAndIncrement();
  }

  /** The lowest descriptor number no live connection holds; give it back with {@link #releaseFd}. */
  public synchronized int allocateFd() {
    int fd = fds.nextClearBit(FIRST_FD);
    fds.set(fd);
    return fd;
  }

  public synchronized void releaseFd(int fd) {
    if (fd >= 0) {
      fds.clear(fd);
    }
  }
}

package io.troupe.connection;

import java.util.concurrent.atomic.AtomicLong;

/** Hands out client ids, increasing from 1 as Redis's do. */
public final class ClientIds {
  private final AtomicLong next = new AtomicLong(1);

  public long next() {
    return next.getAndIncrement();
  }
}

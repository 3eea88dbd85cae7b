package io.troupe.multijvm;

import java.nio.file.Path;
import redis.clients.jedis.Jedis;

/** A server process the multi-JVM tests drive: a Troupe node or a real redis-server. */
public interface Node extends AutoCloseable {
  String name();

  String host();

  int port();

  /** The node's dir (its RDB file, and for Troupe the journal). */
  Path dir();

  /** The process id while it runs. */
  long pid();

  boolean isAlive();

  /** A new client connection (close it); {@code timeoutMs} bounds connect and each reply. */
  default Jedis client(int timeoutMs) {
    return new Jedis(host(), port(), timeoutMs);
  }

  default Jedis client() {
    return client(5_000);
  }

  /** kill -9: no shutdown, no save. */
  void kill9();

  @Override
  void close();
}

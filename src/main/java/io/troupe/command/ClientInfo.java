package io.troupe.command;

/**
 * What CLIENT LIST / CLIENT INFO show of one connection. Written by its
 * connection actor, read by any connection listing clients; fields are
 * volatile so a listing sees current values.
 */
public final class ClientInfo {
  public final long id;
  public final String addr;
  public final String laddr;
  public final long createdMillis;
  public volatile long lastInteractionMillis;
  public volatile String name = "";
  public volatile int db;
  public volatile int resp = 2;
  public volatile String lastCommand = "NULL";
  public volatile String libName = "";
  public volatile String libVer = "";
  public volatile String user = "default";
  public volatile boolean noEvict;
  public volatile String replyMode = "on";
  public volatile long queryBufferBytes;
  public volatile long outputBufferBytes;
  public volatile boolean multi;
  /** Commands queued since MULTI (CLIENT LIST "multi=", -1 outside MULTI) and their bytes. */
  public volatile int multiCount = -1;
  public volatile long multiMem;
  /** Pub/sub subscription counts (channels, patterns, shard channels). */
  public volatile int subscriptions;
  public volatile int patterns;
  public volatile int shardSubscriptions;
  /** Flag-letter states of CLIENT LIST other than multi and no-evict. */
  public volatile boolean blocked;
  public volatile boolean dirtyCas;
  public volatile boolean readonly;
  public volatile boolean master;
  public volatile boolean replica;
  public volatile boolean closeAfterReply;
  /**
   * The descriptor number CLIENT LIST shows: the lowest one free among live
   * connections (from 8), as a Unix server's accepted sockets would be.
   */
  public volatile int fd = -1;
  /** The connection's reply buffer capacity and the largest reply chunk it wrote. */
  public volatile int replyBufferSize;
  public volatile int replyBufferPeak;
  /** CLIENT LIST's "t" flag and "redir" field: tracking on, and the id it redirects to (-1 off, 0 none). */
  public volatile boolean tracking;
  public volatile long trackingRedirect = -1;
  /** MONITOR mode (CLIENT LIST's "O" flag). */
  public volatile boolean monitor;
  /** Delivers a message to the connection's actor (tracking redirection, pause wake-ups); safe from any thread. */
  public volatile java.util.function.Consumer<Object> mailbox = m -> {};
  /** Asks the connection to close (CLIENT KILL); safe from any thread. */
  private final Runnable killer;

  public ClientInfo(long id, String addr, String laddr, long createdMillis, Runnable killer) {
    this.id = id;
    this.addr = addr;
    this.laddr = laddr;
    this.createdMillis = createdMillis;
    this.lastInteractionMillis = createdMillis;
    this.killer = killer;
  }

  /** True while subscribed to anything (Redis's CLIENT_PUBSUB flag, "pubsub" client type). */
  public boolean pubsub() {
    return subscriptions + patterns + shardSubscriptions > 0;
  }

  public void kill() {
    killer.run();
  }
}

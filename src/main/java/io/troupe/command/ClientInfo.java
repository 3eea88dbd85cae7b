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

  public void kill() {
    killer.run();
  }
}

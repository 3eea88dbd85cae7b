package io.troupe.command;

import io.troupe.config.ServerConfig;

/**
 * The connection-level state a {@link SessionHandler} reads and changes: the
 * client's selected database, protocol version, name and authentication, and
 * the server-wide services a connection reaches (config, client list,
 * command table). Implemented by the connection actor.
 */
public interface Session {
  long clientId();

  int db();

  void select(int db);

  int protocol();

  void setProtocol(int resp);

  String clientName();

  void setClientName(String name);

  boolean authenticated();

  void setAuthenticated(boolean authenticated);

  /** Close the connection once this command's reply is written (QUIT, CLIENT KILL of self). */
  void closeAfterReply();

  /**
   * CLIENT REPLY: "on" replies again, "off" suppresses this reply and all that
   * follow, "skip" suppresses this reply and the next command's.
   */
  void setReplyMode(String mode);

  /** This client's pub/sub channels, patterns and shard channels. */
  io.troupe.pubsub.ClientSubscriptions subscriptions();

  /** Call after (un)subscribing, so the client list shows the counts. */
  void subscriptionsChanged();

  /** Whether a MULTI is open. */
  boolean inMulti();

  /** MULTI: start queueing. */
  void multi();

  /** DISCARD (and RESET): drop the queue and the WATCHes. */
  void discard();

  /**
   * EXEC: run the queue atomically; returns the reply, or a marker the
   * connection recognises when the answer comes later.
   */
  io.troupe.resp.Reply exec();

  /** WATCH: watch these keys of the selected database. */
  void watch(byte[][] keys);

  /** UNWATCH: forget every watched key. */
  void unwatch();

  /** CLIENT TRACKING: the client's tracking settings, null while tracking is off. */
  TrackingMode tracking();

  /** Turns tracking on with {@code mode} (replacing the previous settings), or off with null. */
  void setTracking(TrackingMode mode);

  /** CLIENT CACHING for the next command: 1 yes, -1 no, 0 not given. */
  int trackingCaching();

  void setTrackingCaching(int caching);

  /** Whether the client invalidations are redirected to has gone (TRACKINGINFO's broken_redirect). */
  boolean trackingRedirectBroken();

  /** MONITOR: from now on the connection receives every command the server runs. */
  void monitor();

  /** Leaves MONITOR mode (RESET). */
  void stopMonitor();

  /** This client's entry in the client list. */
  ClientInfo info();

  ServerConfig config();

  CommandTable commands();

  /** Server-wide services for admin commands (clients, stats, shutdown). */
  ServerContext server();

  /** What a session handler returns when its reply comes later, through {@link #replyLater()}. */
  io.troupe.resp.Reply DEFERRED = io.troupe.resp.Reply.status("DEFERRED");

  /**
   * For a handler that answers later (WAIT): the returned callback delivers
   * the reply, from any thread, once; the handler returns {@link #DEFERRED}
   * and the client's later commands wait for it.
   */
  default java.util.function.Consumer<io.troupe.resp.Reply> replyLater() {
    throw new UnsupportedOperationException("replyLater");
  }

  /**
   * SYNC/PSYNC: this connection becomes a replica's feed. It sends no more
   * replies; bytes reach it as {@link RawOutput} through its mailbox and
   * are written as they are, within the replica output buffer limits;
   * {@code onClose} runs when it closes.
   */
  default void becomeReplica(Runnable onClose) {
    throw new UnsupportedOperationException("becomeReplica");
  }
}

package io.troupe.replication;

import java.util.List;

/**
 * What INFO replication, ROLE and processCommand's checks read of the node's
 * replication: written by the link and master actors (each its own fields),
 * read from any connection, so every field is volatile.
 */
final class ReplState {
  /** The master this node replicates from (REPLICAOF host port), null on a master. */
  volatile String masterHost;
  volatile int masterPort;

  // ---- the replication stream (master_replid ... repl_backlog_histlen), by ReplicationMaster
  volatile String replid = ReplIds.random();
  volatile String replid2 = ReplIds.NONE;
  volatile long secondReplOffset = -1;
  volatile long masterReplOffset;
  volatile boolean backlogActive;
  volatile long backlogFirstByte;
  volatile long backlogHistlen;
  volatile List<ReplicaRow> replicas = List.of();
  volatile int goodReplicas;
  volatile long syncFull;
  volatile long syncPartialOk;
  volatile long syncPartialErr;

  // ---- the link to the master (replica side), by ReplicationLink
  /** ROLE's state: connect, connecting, handshake, sync, connected. */
  volatile String linkState = "connect";
  volatile long lastIoMillis;
  volatile long linkDownSinceMillis;
  volatile boolean everConnected;
  volatile long readReplOffset;
  volatile long replOffset;
  /** While a full sync transfers: total (-1 unknown, EOF form) and read bytes, and when it started. */
  volatile long syncTotalBytes;
  volatile long syncReadBytes;
  volatile long syncStartMillis;

  /** One line of INFO's slaveN / ROLE's replica list. */
  record ReplicaRow(String ip, int port, String state, long offset, long lagSeconds) {}

  boolean isReplica() {
    return masterHost != null;
  }

  boolean linkUp() {
    return "connected".equals(linkState);
  }
}

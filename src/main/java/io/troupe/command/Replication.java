package io.troupe.command;

import io.troupe.resp.Reply;
import java.util.Map;

/**
 * Replication as commands and connections see it (Redis's replication.c
 * behind processCommand, INFO, ROLE and the replication commands);
 * implemented in the replication package, over the ReplicationLink (replica
 * side) and the master's backlog and feeds.
 */
public interface Replication {

  /** True while this node replicates from a master (REPLICAOF host port). */
  boolean isReplica();

  /**
   * processCommand's replication checks before the subscribed-context check:
   * NOREPLICAS (min-replicas-to-write not met) and READONLY (a read-only
   * replica); the error text, or null when the command may run.
   * {@code write}: the command (or the EXEC's queue) writes.
   */
  String refuseBeforeSubscribed(boolean write);

  /**
   * MASTERDOWN: a replica whose link is down with replica-serve-stale-data no
   * refuses commands not flagged stale; the error text, or null.
   */
  String refuseStale(boolean staleAllowed);

  /** REPLICAOF host port, or REPLICAOF NO ONE when {@code host} is null. */
  Reply replicaOf(String host, int port);

  /** ROLE */
  Reply role();

  /** REPLCONF option value ... (replies nothing to ACK). */
  Reply replconf(Session s, byte[][] argv);

  /** PSYNC replid offset / SYNC: the connection becomes a replica feed. */
  Reply psync(Session s, byte[][] argv);

  /** WAIT numreplicas timeout: answers through {@link Session#replyLater()}. */
  Reply await(Session s, long numReplicas, long timeoutMillis);

  /** INFO replication's fields, in Redis's order. */
  Map<String, Object> infoFields();

  /** INFO stats: sync_full, sync_partial_ok, sync_partial_err. */
  Map<String, Object> statsFields();

  /** A node without replication (servers built without it, unit tests): a master no one replicates. */
  Replication NONE = new Replication() {
    @Override
    public boolean isReplica() {
      return false;
    }

    @Override
    public String refuseBeforeSubscribed(boolean write) {
      return null;
    }

    @Override
    public String refuseStale(boolean staleAllowed) {
      return null;
    }

    @Override
    public Reply replicaOf(String host, int port) {
      return Reply.error("ERR replication is not available");
    }

    @Override
    public Reply role() {
      return replicaOf(null, 0);
    }

    @Override
    public Reply replconf(Session s, byte[][] argv) {
      return replicaOf(null, 0);
    }

    @Override
    public Reply psync(Session s, byte[][] argv) {
      return replicaOf(null, 0);
    }

    @Override
    public Reply await(Session s, long numReplicas, long timeoutMillis) {
      return Reply.integer(0);
    }

    @Override
    public Map<String, Object> infoFields() {
      return Map.of();
    }

    @Override
    public Map<String, Object> statsFields() {
      return Map.of();
    }
  };
}

package io.troupe.acl;

import io.troupe.command.Session;

/**
 * What ACL and authentication commands need of a connection beyond
 * {@link Session}: the server's {@link Acl} and the user the connection is
 * authenticated as. The connection actor implements it.
 */
public interface AclSession extends Session {
  Acl acl();

  /** The user this connection runs as (the default user until AUTH). */
  AclUser user();

  /** Authenticates the connection as {@code user} (AUTH, HELLO AUTH) or resets it to the default user. */
  void setUser(AclUser user);

  /** This connection's CLIENT LIST line for the command being run, as ACL LOG's client-info. */
  String clientInfoLine();
}

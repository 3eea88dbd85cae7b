package io.troupe.command;

import io.troupe.resp.Reply;

/** A command that runs in the connection actor: connection state, server administration. */
@FunctionalInterface
public interface SessionHandler {
  Reply execute(Session session, byte[][] argv);
}

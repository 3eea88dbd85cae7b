package io.troupe.pubsub;

import io.troupe.resp.Reply;

/**
 * A client that can receive published messages. Implemented by the
 * connection actor: {@link #deliver} must be safe from any thread (it sends
 * the connection a message).
 */
public interface Subscriber {
  void deliver(Reply message);
}

package io.troupe.connection;

import io.troupe.command.ClientInfo;
import io.troupe.command.ServerContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code timeout} directive (Redis's clientsCronHandleTimeout): closes
 * clients idle for longer than {@code timeout} seconds, except blocked
 * clients, subscribers and replicas' feeds, which are idle by design. Run once a second.
 */
public final class IdleClients implements Runnable {
  private static final Logger log = LoggerFactory.getLogger(IdleClients.class);
  private final ServerContext server;

  public IdleClients(ServerContext server) {
    this.server = server;
  }

  @Override
  public void run() {
    long maxIdleMillis = server.config().getLong("timeout") * 1000;
    if (maxIdleMillis <= 0) {
      return;
    }
    long now = System.currentTimeMillis();
    for (ClientInfo c : server.clients()) {
      boolean pubsub = c.subscriptions + c.patterns + c.shardSubscriptions > 0;
      if (!c.blocked && !pubsub && !c.replica && now - c.lastInteractionMillis > maxIdleMillis) {
        log.debug("Closing idle client id={} addr={}", c.id, c.addr);
        c.kill();
      }
    }
  }
}

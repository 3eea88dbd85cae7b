/**
 * The process: start-up, wiring and shutdown (Redis's server.c main(),
 * config.c's loading of redis.conf, and the listening sockets of
 * networking.c's listenToPort).
 *
 * <p>{@link io.troupe.server.Main} takes redis-server's command line and merges
 * application.conf's {@code troupe.redis}, a redis.conf file, stdin and
 * {@code --directive} arguments as redis-server does
 * ({@link io.troupe.server.RedisConfigFile}: same line numbers, same FATAL
 * CONFIG FILE ERROR text). {@link io.troupe.server.ServerGuardian} is the root
 * actor: it spawns the shards and the coordinator, then binds the listener.
 * {@link io.troupe.server.Commands} builds the command table from every
 * group's handlers. {@link io.troupe.server.NodeIdentity} is the node's
 * persisted id (Pekko Persistence: the H2 journal in the node's dir, Redis's
 * nodes.conf identity), started after the port is bound.
 *
 * <p>Invariants: this is the top floor: it may import every package, and no
 * package imports it (ArchitectureTest). "Ready to accept connections" is
 * logged only once every non-optional bind address listens; a failed bind logs
 * "Failed listening on port N (TCP), aborting." and the process exits 1.
 */
package io.troupe.server;

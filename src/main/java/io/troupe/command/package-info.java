/**
 * The command table and what connection-level handlers see (Redis's
 * commands.def/commands/*.json specs, the command lookup of server.c, and
 * COMMAND's implementation).
 *
 * <p>{@link io.troupe.command.CommandSpec}s are data: generated from a real
 * Redis 7.0's COMMAND INFO/DOCS into commands.json (tools/gen-command-table.py)
 * and loaded by {@link io.troupe.command.CommandTable}, which binds each name
 * to one handler and an execution kind (keyed, all-shards, session). Arity,
 * unknown (sub)commands, key positions and COMMAND's replies come from the
 * specs. {@link io.troupe.command.Session} and
 * {@link io.troupe.command.ServerContext} are the connection and server state
 * session handlers may use.
 *
 * <p>Invariants: every spec has exactly one handler and no handler exists
 * without a spec (CommandTableTest; {@code bind} throws); adding a command
 * touches its spec, its handler and its test.
 */
package io.troupe.command;

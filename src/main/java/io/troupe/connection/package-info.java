/**
 * Client connections (Redis's networking.c client handling and the
 * processCommand checks of server.c, plus the connection commands of
 * networking.c: CLIENT, HELLO, AUTH, RESET, ...).
 *
 * <p>{@link io.troupe.connection.Listener} binds the port with Pekko Streams TCP;
 * each connection is one fused stream: RESP framing →
 * {@link io.troupe.connection.ClientConnection} → the socket. The
 * ClientConnection stage's own actor holds the client's state, checks each
 * command in Redis's order (unknown command, arity, auth), routes it (session
 * commands run in place; keyed ones go to the shard owning their slot, one
 * message per shard per read; multi-shard and all-shard ones go through the
 * coordinator) and writes the replies of a read in request order, as one write.
 *
 * <p>Invariants: replies leave in request order; a command after a multi-shard
 * one starts only when it has answered; the stage's state is touched only
 * from the stage.
 */
package io.troupe.connection;

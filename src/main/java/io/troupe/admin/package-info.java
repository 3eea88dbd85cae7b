/**
 * Server administration commands (Redis's server.c INFO, TIME, LASTSAVE and
 * SHUTDOWN, config.c's CONFIG, debug.c's DEBUG): they run in the connection
 * actor as session commands and read the server through
 * {@link io.troupe.command.ServerContext}.
 *
 * <p>Invariants: above command/, beside connection/; INFO's field names and
 * CONFIG's texts are Redis's, so tools that parse them work unchanged.
 */
package io.troupe.admin;

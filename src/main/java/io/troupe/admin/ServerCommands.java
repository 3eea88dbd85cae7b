package io.troupe.admin;

import io.troupe.command.CommandTable;

/**
 * Server administration (Redis's server.c, config.c, debug.c): INFO, TIME,
 * LASTSAVE, CONFIG, SHUTDOWN, DEBUG.
 */
public final class ServerCommands {
  private ServerCommands() {}

  public static void bind(CommandTable t) {
  }
}

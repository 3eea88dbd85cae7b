package io.troupe.command;

/**
 * COMMAND and its subcommands (COUNT, INFO, DOCS, LIST, GETKEYS), answered
 * from the command table's specs.
 */
public final class CommandCommand {
  private CommandCommand() {}

  public static void bind(CommandTable t) {
  }
}

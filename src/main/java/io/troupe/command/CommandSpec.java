package io.troupe.command;

import io.troupe.resp.Reply;
import java.util.Map;
import java.util.Set;

/**
 * The facts of one command or subcommand, as Redis 7.0 declares them: arity
 * (negative: at least), flags, the legacy key positions (first, last, step),
 * ACL categories, and the exact COMMAND INFO / COMMAND DOCS replies.
 * Loaded from commands.json by {@link CommandTable}.
 *
 * @param fullName     "get", or "client|list" for a subcommand
 * @param subcommands  by lower-case subcommand name; empty for a plain command
 */
public record CommandSpec(
    String fullName,
    int arity,
    Set<String> flags,
    int firstKey,
    int lastKey,
    int keyStep,
    Set<String> categories,
    String group,
    Reply info,
    Reply docs,
    Map<String, CommandSpec> subcommands) {

  public boolean hasFlag(String flag) {
    return flags.contains(flag);
  }

  public boolean isContainer() {
    return !subcommands.isEmpty();
  }

  public boolean isWrite() {
    return flags.contains("write");
  }

  public boolean arityOk(int argc) {
    return arity >= 0 ? argc == arity : argc >= -arity;
  }

  /** The name Redis shows in errors and COMMAND replies: "get", "client|list". */
  public String name() {
    return fullName;
  }
}

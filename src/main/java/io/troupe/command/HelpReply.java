package io.troupe.command;

import io.troupe.resp.Reply;
import java.util.ArrayList;
import java.util.List;

/**
 * The reply of a container's HELP subcommand (CLIENT HELP, COMMAND HELP,
 * CONFIG HELP...), shaped as Redis's addReplyHelp shapes it: an array of
 * simple strings, the usage line first and "HELP / Prints this help." last.
 */
public final class HelpReply {
  private HelpReply() {}

  /** {@code container} in upper case ("CLIENT"); {@code lines} as Redis words them. */
  public static Reply of(String container, String... lines) {
    List<Reply> out = new ArrayList<>(lines.length + 3);
    out.add(Reply.status(container
        + " <subcommand> [<arg> [value] [opt] ...]. Subcommands are:"));
    for (String line : lines) {
      out.add(Reply.status(line));
    }
    out.add(Reply.status("HELP"));
    out.add(Reply.status("    Prints this help."));
    return Reply.array(List.copyOf(out));
  }
}

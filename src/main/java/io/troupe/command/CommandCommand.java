package io.troupe.command;

import io.troupe.resp.CommandException;
import io.troupe.resp.Reply;
import io.troupe.resp.RespErrors;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * COMMAND and its subcommands (COUNT, INFO, DOCS, LIST, GETKEYS, HELP),
 * answered from the command table's specs (Redis's commandCommand and
 * friends in server.c). The INFO and DOCS replies are the ones a real Redis
 * 7.0 gave, kept as typed data in commands.json, so they re-encode byte for
 * byte in RESP2 and RESP3. The table holds only the commands Troupe
 * implements, so COUNT and LIST count those.
 */
public final class CommandCommand {
  private CommandCommand() {}

  public static void bind(CommandTable t) {
    t.session("command", CommandCommand::command);
    t.session("command|count", CommandCommand::count);
    t.session("command|info", CommandCommand::info);
    t.session("command|docs", CommandCommand::docs);
    t.session("command|list", CommandCommand::list);
    t.session("command|getkeys", CommandCommand::getKeys);
    t.session("command|help", CommandCommand::help);
  }

  /** COMMAND */
  static Reply command(Session s, byte[][] argv) {
    List<Reply> out = new ArrayList<>();
    for (CommandSpec spec : s.commands().specs()) {
      out.add(spec.info());
    }
    return Reply.array(List.copyOf(out));
  }

  /** COMMAND COUNT */
  static Reply count(Session s, byte[][] argv) {
    return Reply.integer(s.commands().specs().size());
  }

  /** COMMAND INFO [command-name [command-name ...]] */
  static Reply info(Session s, byte[][] argv) {
    if (argv.length == 2) {
      return command(s, argv);
    }
    List<Reply> out = new ArrayList<>(argv.length - 2);
    for (int i = 2; i < argv.length; i++) {
      CommandSpec spec = byFullName(s.commands(), argv[i]);
      out.add(spec == null ? Reply.NULL_BULK : spec.info());
    }
    return Reply.array(List.copyOf(out));
  }

  /** COMMAND DOCS [command-name [command-name ...]] */
  static Reply docs(Session s, byte[][] argv) {
    List<Reply> out = new ArrayList<>();
    if (argv.length == 2) {
      for (CommandSpec spec : s.commands().specs()) {
        addDocs(out, spec);
      }
    } else {
      for (int i = 2; i < argv.length; i++) {
        CommandSpec spec = byFullName(s.commands(), argv[i]);
        if (spec != null) {
          addDocs(out, spec); // unknown names are left out
        }
      }
    }
    return Reply.map(List.copyOf(out));
  }

  private static void addDocs(List<Reply> out, CommandSpec spec) {
    if (spec.docs() != null) {
      out.add(Reply.bulk(spec.fullName()));
      out.add(spec.docs());
    }
  }

  /** COMMAND LIST [FILTERBY MODULE module-name|ACLCAT category|PATTERN pattern] */
  static Reply list(Session s, byte[][] argv) {
    java.util.function.Predicate<CommandSpec> filter;
    if (argv.length == 2) {
      filter = spec -> true;
    } else if (argv.length == 5 && is(argv[2], "FILTERBY")) {
      String value = new String(argv[4], StandardCharsets.UTF_8);
      if (is(argv[3], "MODULE")) {
        filter = spec -> false; // Troupe loads no modules
      } else if (is(argv[3], "ACLCAT")) {
        String category = "@" + value.toLowerCase(Locale.ROOT);
        filter = spec -> spec.categories().contains(category);
      } else if (is(argv[3], "PATTERN")) {
        byte[] pattern = argv[4];
        filter = spec -> io.troupe.keyspace.GlobPattern.matches(pattern,
            spec.fullName().getBytes(StandardCharsets.UTF_8), true);
      } else {
        throw new CommandException(RespErrors.SYNTAX);
      }
    } else {
      throw new CommandException(RespErrors.SYNTAX);
    }
    List<Reply> out = new ArrayList<>();
    for (CommandSpec spec : s.commands().specs()) {
      if (filter.test(spec)) {
        out.add(Reply.bulk(spec.fullName()));
      }
      for (CommandSpec sub : spec.subcommands().values()) {
        if (filter.test(sub)) {
          out.add(Reply.bulk(sub.fullName()));
        }
      }
    }
    return Reply.array(List.copyOf(out));
  }

  /** COMMAND GETKEYS command [arg [arg ...]] */
  static Reply getKeys(Session s, byte[][] argv) {
    byte[][] cmd = Arrays.copyOfRange(argv, 2, argv.length);
    CommandSpec spec = s.commands().spec(cmd[0]);
    if (spec != null && spec.isContainer() && cmd.length > 1) {
      spec = spec.subcommands().get(
          new String(cmd[1], StandardCharsets.ISO_8859_1).toLowerCase(Locale.ROOT));
    }
    if (spec == null) {
      throw new CommandException(RespErrors.GETKEYS_INVALID_COMMAND);
    }
    if (!hasKeySpecs(spec)) {
      throw new CommandException(RespErrors.GETKEYS_NO_KEYS);
    }
    if (!spec.arityOk(cmd.length)) {
      throw new CommandException(RespErrors.GETKEYS_INVALID_ARITY);
    }
    int[] keys;
    CommandDef def = s.commands().def(spec.fullName());
    try {
      keys = def != null ? def.keyIndexes(cmd) : CommandDef.legacyKeys(spec, cmd.length);
    } catch (CommandException e) {
      keys = new int[0];
    }
    if (keys.length == 0 && !spec.hasFlag("no_mandatory_keys")) {
      throw new CommandException(RespErrors.GETKEYS_INVALID_ARGUMENTS);
    }
    List<Reply> out = new ArrayList<>(keys.length);
    for (int k : keys) {
      out.add(Reply.bulk(cmd[k]));
    }
    return Reply.array(List.copyOf(out));
  }

  /** COMMAND HELP */
  static Reply help(Session s, byte[][] argv) {
    return HelpReply.of("COMMAND",
        "(no subcommand)",
        "    Return details about all Redis commands.",
        "COUNT",
        "    Return the total number of commands in this Redis server.",
        "LIST",
        "    Return a list of all commands in this Redis server.",
        "INFO [<command-name> ...]",
        "    Return details about multiple Redis commands.",
        "    If no command names are given, documentation details for all",
        "    commands are returned.",
        "DOCS [<command-name> ...]",
        "    Return documentation details about multiple Redis commands.",
        "    If no command names are given, documentation details for all",
        "    commands are returned.",
        "GETKEYS <full-command>",
        "    Return the keys from a full Redis command.",
        "GETKEYSANDFLAGS <full-command>",
        "    Return the keys and the access flags from a full Redis command.");
  }

  /** A spec by its full name, "get" or "client|list" (any case), or null. */
  static CommandSpec byFullName(CommandTable table, byte[] name) {
    String n = new String(name, StandardCharsets.ISO_8859_1).toLowerCase(Locale.ROOT);
    int bar = n.indexOf('|');
    if (bar < 0) {
      return table.spec(n);
    }
    CommandSpec parent = table.spec(n.substring(0, bar));
    return parent == null ? null : parent.subcommands().get(n.substring(bar + 1));
  }

  /** Whether the spec declares key specs (the 9th field of its COMMAND INFO entry). */
  private static boolean hasKeySpecs(CommandSpec spec) {
    if (spec.info() instanceof Reply.Array a && a.items().size() > 8) {
      Reply keySpecs = a.items().get(8); // a set in Redis 7.0's reply
      if (keySpecs instanceof Reply.Set set) {
        return !set.items().isEmpty();
      }
      if (keySpecs instanceof Reply.Array array) {
        return !array.items().isEmpty();
      }
    }
    return spec.firstKey() > 0;
  }

  private static boolean is(byte[] arg, String word) {
    return new String(arg, StandardCharsets.ISO_8859_1).equalsIgnoreCase(word);
  }
}

package io.troupe.acl;

import io.troupe.command.ClientInfo;
import io.troupe.command.CommandSpec;
import io.troupe.command.CommandTable;
import io.troupe.command.Session;
import io.troupe.resp.CommandException;
import io.troupe.resp.Reply;
import io.troupe.resp.RespErrors;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;

/** The ACL command's subcommands (Redis's aclCommand in acl.c); they run in the connection. */
public final class AclCommands {
  private static final SecureRandom RANDOM = new SecureRandom();

  private AclCommands() {}

  public static void bind(CommandTable t) {
    t.session("acl|setuser", AclCommands::setUser);
    t.session("acl|getuser", AclCommands::getUser);
    t.session("acl|deluser", AclCommands::delUser);
    t.session("acl|list", AclCommands::list);
    t.session("acl|users", AclCommands::users);
    t.session("acl|whoami", AclCommands::whoami);
    t.session("acl|cat", AclCommands::cat);
    t.session("acl|log", AclCommands::log);
    t.session("acl|genpass", AclCommands::genpass);
    t.session("acl|dryrun", AclCommands::dryrun);
    t.session("acl|load", AclCommands::load);
    t.session("acl|save", AclCommands::save);
    t.session("acl|help", AclCommands::help);
  }

  private static Acl acl(Session s) {
    return ((AclSession) s).acl();
  }

  private static String text(byte[] b) {
    return new String(b, StandardCharsets.ISO_8859_1);
  }

  /** ACL SETUSER username [rule [rule ...]] */
  static Reply setUser(Session s, byte[][] argv) {
    List<String> ops = new ArrayList<>();
    for (int i = 3; i < argv.length; i++) {
      ops.add(text(argv[i]));
    }
    acl(s).setUser(text(argv[2]), ops);
    return Reply.OK;
  }

  /** ACL GETUSER username */
  static Reply getUser(Session s, byte[][] argv) {
    AclUser u = acl(s).user(text(argv[2]));
    if (u == null) {
      return Reply.NULL_BULK;
    }
    Rules r = u.rules();
    List<Reply> flags = new ArrayList<>();
    for (String f : r.flags()) {
      flags.add(Reply.bulk(f));
    }
    List<Reply> passwords = new ArrayList<>();
    for (String p : r.passwords()) {
      passwords.add(Reply.bulk(p));
    }
    List<Reply> selectors = new ArrayList<>();
    for (Selector sel : r.selectors()) {
      selectors.add(Reply.map(List.of(
          Reply.bulk("commands"), Reply.bulk(sel.describeCommands()),
          Reply.bulk("keys"), Reply.bulk(Acl.bytes(sel.describeKeys())),
          Reply.bulk("channels"), Reply.bulk(Acl.bytes(sel.describeChannels())))));
    }
    Selector root = r.root();
    return Reply.map(List.of(
        Reply.bulk("flags"), Reply.set(flags),
        Reply.bulk("passwords"), Reply.array(passwords),
        Reply.bulk("commands"), Reply.bulk(root.describeCommands()),
        Reply.bulk("keys"), Reply.bulk(Acl.bytes(root.describeKeys())),
        Reply.bulk("channels"), Reply.bulk(Acl.bytes(root.describeChannels())),
        Reply.bulk("selectors"), Reply.array(selectors)));
  }

  /** ACL DELUSER username [username ...] */
  static Reply delUser(Session s, byte[][] argv) {
    Acl acl = acl(s);
    List<String> deleted = new ArrayList<>();
    for (int i = 2; i < argv.length; i++) {
      if (text(argv[i]).equals(Acl.DEFAULT_USER)) {
        throw new CommandException(RespErrors.ACL_DEFAULT_NOT_REMOVABLE);
      }
    }
    for (int i = 2; i < argv.length; i++) {
      String name = text(argv[i]);
      if (acl.deleteUser(name)) {
        deleted.add(name);
      }
    }
    killClientsOf(s, deleted);
    return Reply.integer(deleted.size());
  }

  /**
   * Disconnects the clients authenticated as any of {@code names} (their
   * user is gone); the calling client gets its reply first.
   */
  static void killClientsOf(Session s, List<String> names) {
    if (names.isEmpty()) {
      return;
    }
    for (ClientInfo c : s.server().clients()) {
      if (names.contains(c.user)) {
        if (c.id == s.clientId()) {
          s.closeAfterReply();
        } else {
          c.kill();
        }
      }
    }
  }

  /** ACL LIST */
  static Reply list(Session s, byte[][] argv) {
    List<Reply> out = new ArrayList<>();
    for (AclUser u : acl(s).users()) {
      out.add(Reply.bulk(Acl.bytes(Acl.describe(u))));
    }
    return Reply.array(out);
  }

  /** ACL USERS */
  static Reply users(Session s, byte[][] argv) {
    List<Reply> out = new ArrayList<>();
    for (AclUser u : acl(s).users()) {
      out.add(Reply.bulk(Acl.bytes(u.name())));
    }
    return Reply.array(out);
  }

  /** ACL WHOAMI */
  static Reply whoami(Session s, byte[][] argv) {
    return Reply.bulk(Acl.bytes(((AclSession) s).user().name()));
  }

  /** ACL CAT [category] */
  static Reply cat(Session s, byte[][] argv) {
    if (argv.length > 3) {
      throw new CommandException(RespErrors.subcommandSyntax("acl", text(argv[1])));
    }
    List<Reply> out = new ArrayList<>();
    if (argv.length == 2) {
      for (String c : CommandIds.CATEGORIES) {
        out.add(Reply.bulk(c));
      }
      return Reply.array(out);
    }
    int cat = CommandIds.category(text(argv[2]));
    if (cat < 0) {
      throw new CommandException(RespErrors.aclUnknownCategory(text(argv[2])));
    }
    CommandIds ids = acl(s).ids();
    for (CommandIds.Cmd top : ids.topLevel()) {
      if (top.inCategory(cat)) {
        out.add(Reply.bulk(top.fullName()));
      }
      for (int child : top.children()) {
        if (ids.get(child).inCategory(cat)) {
          out.add(Reply.bulk(ids.get(child).fullName()));
        }
      }
    }
    return Reply.array(out);
  }

  /** ACL LOG [count | RESET] */
  static Reply log(Session s, byte[][] argv) {
    if (argv.length > 3) {
      throw new CommandException(RespErrors.subcommandSyntax("acl", text(argv[1])));
    }
    AclLog log = acl(s).log();
    long count = 10;
    if (argv.length == 3) {
      if (text(argv[2]).equalsIgnoreCase("reset")) {
        log.reset();
        return Reply.OK;
      }
      count = parseLong(argv[2]);
      if (count < 0) {
        count = 0;
      }
    }
    return log.reply(count);
  }

  private static long parseLong(byte[] b) {
    String t = text(b);
    try {
      if (t.isEmpty() || t.length() > 20 || t.startsWith("+") || (t.length() > 1 && t.startsWith("0"))
          || t.startsWith("-0")) {
        throw new NumberFormatException();
      }
      return Long.parseLong(t);
    } catch (NumberFormatException e) {
      throw new CommandException(RespErrors.NOT_INTEGER);
    }
  }

  /** ACL GENPASS [bits] */
  static Reply genpass(Session s, byte[][] argv) {
    if (argv.length > 3) {
      throw new CommandException(RespErrors.subcommandSyntax("acl", text(argv[1])));
    }
    long bits = 256;
    if (argv.length == 3) {
      bits = parseLong(argv[2]);
      if (bits <= 0 || bits > 4096) {
        throw new CommandException(RespErrors.ACL_GENPASS_BITS);
      }
    }
    int chars = (int) ((bits + 3) / 4);
    byte[] random = new byte[(chars + 1) / 2];
    RANDOM.nextBytes(random);
    return Reply.bulk(HexFormat.of().formatHex(random).substring(0, chars));
  }

  /** ACL DRYRUN username command [arg [arg ...]] */
  static Reply dryrun(Session s, byte[][] argv) {
    Acl acl = acl(s);
    String name = text(argv[2]);
    AclUser u = acl.user(name);
    if (u == null) {
      throw new CommandException(RespErrors.aclUserNotFound(name));
    }
    byte[][] cmdArgv = java.util.Arrays.copyOfRange(argv, 3, argv.length);
    CommandTable table = s.commands();
    CommandSpec spec = table.spec(cmdArgv[0]);
    if (spec != null && spec.isContainer()) {
      if (cmdArgv.length < 2) {
        throw new CommandException(RespErrors.wrongArgs(spec.fullName()));
      }
      spec = spec.subcommands().get(text(cmdArgv[1]).toLowerCase(Locale.ROOT));
    }
    if (spec == null) {
      throw new CommandException(RespErrors.aclCommandNotFound(text(cmdArgv[0])));
    }
    if (!spec.arityOk(cmdArgv.length)) {
      throw new CommandException(RespErrors.wrongArgs(spec.fullName()));
    }
    Acl.Refusal refusal = acl.check(u, spec, table.def(spec.fullName()), cmdArgv);
    if (refusal == null) {
      return Reply.OK;
    }
    return Reply.bulk(Acl.bytes(Acl.dryRunText(refusal, spec, cmdArgv)));
  }

  /** ACL LOAD */
  static Reply load(Session s, byte[][] argv) {
    Acl acl = acl(s);
    if (s.config().getString("aclfile").isEmpty()) {
      throw new CommandException(RespErrors.ACL_NO_FILE);
    }
    List<String> before = new ArrayList<>();
    for (AclUser u : acl.users()) {
      if (!u.name().equals(Acl.DEFAULT_USER)) {
        before.add(u.name());
      }
    }
    String err = acl.load();
    if (err != null) {
      throw new CommandException("ERR " + err);
    }
    // Every user but the default one was replaced: its connections go, as in Redis.
    killClientsOf(s, before);
    return Reply.OK;
  }

  /** ACL SAVE */
  static Reply save(Session s, byte[][] argv) {
    if (s.config().getString("aclfile").isEmpty()) {
      throw new CommandException(RespErrors.ACL_NO_FILE);
    }
    if (!acl(s).save()) {
      throw new CommandException(RespErrors.ACL_SAVE_FAILED);
    }
    return Reply.OK;
  }

  private static final List<String> HELP = List.of(
      "ACL <subcommand> [<arg> [value] [opt] ...]. Subcommands are:",
      "CAT [<category>]",
      "    List all commands that belong to <category>, or all command categories",
      "    when no category is specified.",
      "DELUSER <username> [<username> ...]",
      "    Delete a list of users.",
      "DRYRUN <username> <command> [<arg> ...]",
      "    Returns whether the user can execute the given command without executing the command.",
      "GETUSER <username>",
      "    Get the user's details.",
      "GENPASS [<bits>]",
      "    Generate a secure 256-bit user password. The optional `bits` argument can",
      "    be used to specify a different size.",
      "LIST",
      "    Show users details in config file format.",
      "LOAD",
      "    Reload users from the ACL file.",
      "LOG [<count> | RESET]",
      "    Show the ACL log entries.",
      "SAVE",
      "    Save the current config to the ACL file.",
      "SETUSER <username> <attribute> [<attribute> ...]",
      "    Create or modify a user with the specified attributes.",
      "USERS",
      "    List all the registered usernames.",
      "WHOAMI",
      "    Return the current connection username.",
      "HELP",
      "    Prints this help.");

  /** ACL HELP */
  static Reply help(Session s, byte[][] argv) {
    List<Reply> out = new ArrayList<>();
    for (String line : HELP) {
      out.add(Reply.status(line));
    }
    return Reply.array(out);
  }
}

package io.troupe.acl;

import io.troupe.command.CommandDef;
import io.troupe.command.CommandSpec;
import io.troupe.config.ServerConfig;
import io.troupe.resp.CommandException;
import io.troupe.resp.RespErrors;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentSkipListMap;

/**
 * The server's users (Redis's acl.c): the user registry, the permission
 * check every command passes after authentication, ACL LOG, and the ACL
 * file. The "default" user always exists; new connections start as it.
 * Changes (SETUSER, DELUSER, LOAD) are serialised on this object; the
 * permission check reads published {@link Rules} without locking.
 */
public final class Acl {
  public static final String DEFAULT_USER = "default";

  /** Why a command is refused, in Redis's order of precedence between selectors. */
  public enum Denial { COMMAND, KEY, AUTH, CHANNEL }

  /** A refusal: its reason and the argument (key or channel) that caused it, or -1. */
  public record Refusal(Denial reason, int argIndex) {}

  private final CommandIds ids;
  private final KeySpecs[] keySpecs;
  private final ServerConfig config;
  private final ConcurrentSkipListMap<String, AclUser> users = new ConcurrentSkipListMap<>();
  private final AclUser defaultUser;
  private final AclLog log;

  public Acl(Collection<CommandSpec> specs, ServerConfig config) {
    this.ids = new CommandIds(specs);
    this.keySpecs = new KeySpecs[ids.size()];
    for (int i = 0; i < ids.size(); i++) {
      keySpecs[i] = KeySpecs.of(ids.get(i).spec());
    }
    this.config = config;
    this.log = new AclLog(() -> config.getLong("acllog-max-len"));
    this.defaultUser = new AclUser(DEFAULT_USER, initialDefaultRules(config.requirepass()));
    users.put(DEFAULT_USER, defaultUser);
    config.param("requirepass").onChange(p -> setDefaultPassword(p.text()));
  }

  /**
   * The ACL of a starting server: the default user (with requirepass as its
   * password when set), then the users of {@code aclfile} when configured.
   * Throws IllegalStateException with the file's errors when it cannot be loaded.
   */
  public static Acl create(Collection<CommandSpec> specs, ServerConfig config) {
    Acl acl = new Acl(specs, config);
    if (!config.getString("aclfile").isEmpty()) {
      String err = acl.load();
      if (err != null) {
        throw new IllegalStateException(err);
      }
    }
    return acl;
  }

  private Rules initialDefaultRules(String requirepass) {
    Rules r = new Rules(ids, false);
    for (String op : List.of("+@all", "~*", "&*", "on", "nopass")) {
      r.apply(op, false);
    }
    if (!requirepass.isEmpty()) {
      r.apply("resetpass", false);
      r.apply(">" + requirepass, false);
    }
    return r;
  }

  /** CONFIG SET requirepass: the default user's only password, or nopass when empty (as Redis 7). */
  private synchronized void setDefaultPassword(String requirepass) {
    Rules r = defaultUser.rules().copy();
    r.apply("resetpass", false);
    r.apply(requirepass.isEmpty() ? "nopass" : ">" + requirepass, false);
    defaultUser.setRules(r);
  }

  private boolean allChannelsByDefault() {
    return config.getString("acl-pubsub-default").equals("allchannels");
  }

  public AclUser defaultUser() {
    return defaultUser;
  }

  /** The user named {@code name}, or null. */
  public AclUser user(String name) {
    return users.get(name);
  }

  /** Every user, by name (byte order, as Redis's rax lists them). */
  public Collection<AclUser> users() {
    return users.values();
  }

  public AclLog log() {
    return log;
  }

  CommandIds ids() {
    return ids;
  }

  /**
   * The user {@code name} when it is on and {@code password} is one of its
   * passwords (or it has nopass); null otherwise.
   */
  public AclUser authenticate(String name, byte[] password) {
    AclUser u = users.get(name);
    if (u == null) {
      return null;
    }
    Rules r = u.rules();
    return r.enabled() && r.passwordMatches(password) ? u : null;
  }

  // ---- SETUSER / DELUSER --------------------------------------------------------------------

  /**
   * ACL SETUSER: applies {@code ops} to a copy of the user's rules (a new
   * user: off, nothing allowed) and publishes them only when all succeed.
   * Throws CommandException with Redis's error otherwise, changing nothing.
   */
  public synchronized void setUser(String name, List<String> ops) {
    if (hasSpaces(name)) {
      throw new CommandException(RespErrors.ACL_USERNAME_SPACES);
    }
    List<String> merged = mergeSelectors(ops);
    AclUser existing = users.get(name);
    Rules r = existing != null ? existing.rules().copy() : new Rules(ids, allChannelsByDefault());
    for (String op : merged) {
      try {
        r.apply(op, allChannelsByDefault());
      } catch (AclRuleException e) {
        throw new CommandException(RespErrors.aclSetuserModifier(op, e.getMessage()));
      }
    }
    if (existing != null) {
      existing.setRules(r);
    } else {
      users.put(name, new AclUser(name, r));
    }
  }

  /**
   * Joins arguments that form one parenthesised selector ("(~x" "+get)")
   * into one rule; throws the unmatched-parenthesis error.
   */
  static List<String> mergeSelectors(List<String> ops) {
    List<String> out = new ArrayList<>();
    StringBuilder open = null;
    String start = null;
    for (String op : ops) {
      if (open != null) {
        open.append(' ').append(op);
        if (op.endsWith(")")) {
          out.add(open.toString());
          open = null;
        }
      } else if (op.startsWith("(") && !op.endsWith(")")) {
        open = new StringBuilder(op);
        start = op;
      } else {
        out.add(op);
      }
    }
    if (open != null) {
      throw new CommandException(RespErrors.aclUnmatchedParenthesis(start));
    }
    return out;
  }

  static boolean hasSpaces(String s) {
    for (int i = 0; i < s.length(); i++) {
      char ch = s.charAt(i);
      if (Character.isWhitespace(ch) || ch == 0) {
        return true;
      }
    }
    return false;
  }

  /** ACL DELUSER of one user: true when it existed. The default user cannot be removed. */
  public synchronized boolean deleteUser(String name) {
    if (name.equals(DEFAULT_USER)) {
      throw new CommandException(RespErrors.ACL_DEFAULT_NOT_REMOVABLE);
    }
    return users.remove(name) != null;
  }

  // ---- the permission check ----------------------------------------------------------------

  /**
   * Whether {@code user} may run {@code def} with {@code argv}: null when
   * allowed, else why not. Checks, per selector, the command (or its first
   * argument), then its keys with the access the command's key specs declare,
   * then its channels; allowed when any selector allows, else the most
   * relevant refusal (as Redis's ACLCheckAllUserCommandPerm).
   */
  public Refusal check(AclUser user, CommandDef def, byte[][] argv) {
    return check(user, def.spec(), def, argv);
  }

  /** {@link #check(AclUser, CommandDef, byte[][])}; a null {@code def} finds keys by the key specs. */
  Refusal check(AclUser user, CommandSpec spec, CommandDef def, byte[][] argv) {
    Rules r = user.rules();
    Selector root = r.root();
    if (root.allowsEveryCommand() && root.allKeys() && root.allChannels()) {
      return null;
    }
    CommandIds.Cmd cmd = ids.lookup(spec.fullName());
    if (cmd == null) {
      return null;
    }
    int[] keys = null;
    Refusal relevant = null;
    for (int i = -1; i < r.selectors().size(); i++) {
      Selector s = i < 0 ? root : r.selectors().get(i);
      Refusal refusal;
      if (!s.canRun(cmd, argv)) {
        refusal = new Refusal(Denial.COMMAND, -1);
      } else {
        if (!s.allKeys() && keys == null) {
          keys = def != null ? keysOf(def, argv) : keySpecs[cmd.id()].positions(argv);
        }
        refusal = s.allKeys() ? null : checkKeys(s, cmd, argv, keys);
        if (refusal == null) {
          refusal = checkChannels(s, cmd, argv);
        }
      }
      if (refusal == null) {
        return null;
      }
      if (relevant == null || refusal.reason().ordinal() > relevant.reason().ordinal()
          || (refusal.reason() == relevant.reason() && refusal.argIndex() > relevant.argIndex())) {
        relevant = refusal;
      }
    }
    return relevant;
  }

  private static int[] keysOf(CommandDef def, byte[][] argv) {
    try {
      return def.keyIndexes(argv);
    } catch (CommandException e) {
      return new int[0]; // the command's own syntax error answers it
    }
  }

  private Refusal checkKeys(Selector s, CommandIds.Cmd cmd, byte[][] argv, int[] keys) {
    KeySpecs specs = keySpecs[cmd.id()];
    for (int k : keys) {
      if (!s.canAccessKey(argv[k], specs.access(argv, k))) {
        return new Refusal(Denial.KEY, k);
      }
    }
    return null;
  }

  /** The channels of the pub/sub commands that name them (Redis's getChannelsFromCommand). */
  private static Refusal checkChannels(Selector s, CommandIds.Cmd cmd, byte[][] argv) {
    if (s.allChannels()) {
      return null;
    }
    int from;
    int to;
    boolean pattern = false;
    switch (cmd.fullName()) {
      case "publish", "spublish" -> {
        from = 1;
        to = Math.min(1, argv.length - 1);
      }
      case "subscribe", "ssubscribe" -> {
        from = 1;
        to = argv.length - 1;
      }
      case "psubscribe" -> {
        from = 1;
        to = argv.length - 1;
        pattern = true;
      }
      default -> {
        return null;
      }
    }
    for (int i = from; i <= to; i++) {
      if (!s.canAccessChannel(argv[i], pattern)) {
        return new Refusal(Denial.CHANNEL, i);
      }
    }
    return null;
  }

  /** The NOPERM error a refusal answers with. */
  public static String nopermText(Refusal r, CommandSpec spec) {
    return switch (r.reason()) {
      case COMMAND -> RespErrors.nopermCommand(spec.fullName());
      case KEY -> RespErrors.NOPERM_KEY;
      case CHANNEL -> RespErrors.NOPERM_CHANNEL;
      case AUTH -> RespErrors.WRONGPASS;
    };
  }

  /** ACL DRYRUN's text for a refusal: "This user has no permissions to ...". */
  static String dryRunText(Refusal r, CommandSpec spec, byte[][] argv) {
    return switch (r.reason()) {
      case COMMAND -> "This user has no permissions to run the '" + spec.fullName() + "' command";
      case KEY -> "This user has no permissions to access the '" + text(argv[r.argIndex()]) + "' key";
      case CHANNEL -> "This user has no permissions to access the '" + text(argv[r.argIndex()]) + "' channel";
      case AUTH -> "";
    };
  }

  /** Records a refusal in ACL LOG (reason, object as Redis 7.0 logs them). */
  public void logRefusal(Refusal r, CommandSpec spec, byte[][] argv, String context, String username,
      String clientInfo) {
    String reason = switch (r.reason()) {
      case COMMAND -> "command";
      case KEY -> "key";
      case CHANNEL -> "channel";
      case AUTH -> "auth";
    };
    String object = r.reason() == Denial.COMMAND || r.argIndex() < 0 ? spec.fullName() : text(argv[r.argIndex()]);
    log.add(reason, context, object, username, clientInfo);
  }

  /** Records a failed AUTH / HELLO AUTH of {@code username}. */
  public void logAuthFailure(String username, String context, String clientInfo) {
    log.add("auth", context, "auth", username, clientInfo);
  }

  // ---- the ACL file ------------------------------------------------------------------------

  /** The ACL LIST line of one user: "user name on #hash ~* &* +@all". */
  public static String describe(AclUser u) {
    return "user " + u.name() + " " + u.rules().describe();
  }

  /**
   * ACL SAVE: writes every user's ACL LIST line to aclfile (through a
   * temporary file renamed over it). Returns false when writing failed.
   */
  public synchronized boolean save() {
    Path file = Path.of(config.getString("aclfile"));
    StringBuilder b = new StringBuilder();
    for (AclUser u : users.values()) {
      b.append(describe(u)).append('\n');
    }
    try {
      Path dir = file.toAbsolutePath().getParent();
      Path tmp = Files.createTempFile(dir, "temp-", ".acl");
      Files.write(tmp, b.toString().getBytes(StandardCharsets.ISO_8859_1));
      Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      return true;
    } catch (IOException | RuntimeException e) {
      return false;
    }
  }

  /**
   * ACL LOAD: replaces every user with those of aclfile, or changes nothing
   * and returns Redis's error text (without "ERR") when the file has errors.
   * The default user keeps its identity (its connections stay); when the file
   * does not define it, it gets its initial rules. Returns null on success.
   */
  public synchronized String load() {
    String path = config.getString("aclfile");
    List<String> lines;
    try {
      lines = List.of(new String(Files.readAllBytes(Path.of(path)), StandardCharsets.ISO_8859_1)
          .split("\n", -1));
    } catch (IOException e) {
      return "Error loading ACLs, opening file '" + path + "': " + reasonOf(e);
    }
    StringBuilder errors = new StringBuilder();
    Map<String, Rules> loaded = new LinkedHashMap<>();
    for (int i = 0; i < lines.size(); i++) {
      int lineNo = i + 1;
      String line = lines.get(i).strip();
      if (line.isEmpty()) {
        continue;
      }
      List<String> argv = splitArgs(line);
      if (argv == null) {
        errors.append(path).append(':').append(lineNo).append(": unbalanced quotes in acl line. ");
        continue;
      }
      if (argv.isEmpty()) {
        continue;
      }
      if (argv.size() < 2 || !argv.get(0).equals("user")) {
        errors.append(path).append(':').append(lineNo)
            .append(" should start with user keyword followed by the username. ");
        continue;
      }
      String name = argv.get(1);
      if (hasSpaces(name)) {
        errors.append(path).append(':').append(lineNo).append(": username '").append(name)
            .append("' contains invalid characters. ");
        continue;
      }
      if (loaded.containsKey(name)) {
        errors.append("WARNING: Duplicate user '").append(name).append("' found on line ")
            .append(lineNo).append(". ");
        continue;
      }
      List<String> ops;
      try {
        ops = mergeSelectors(argv.subList(2, argv.size()));
      } catch (CommandException e) {
        String text = e.reply() instanceof io.troupe.resp.Reply.Error err ? err.text() : "";
        errors.append(path).append(':').append(lineNo).append(": ")
            .append(text.startsWith("ERR ") ? text.substring(4) : text).append(' ');
        continue;
      }
      Rules r = new Rules(ids, allChannelsByDefault());
      boolean ok = true;
      for (String op : ops) {
        try {
          r.apply(op, allChannelsByDefault());
        } catch (AclRuleException e) {
          errors.append(path).append(':').append(lineNo).append(": Error in applying operation '")
              .append(op).append("': ").append(e.getMessage()).append(". ");
          ok = false;
          break;
        }
      }
      if (ok) {
        loaded.put(name, r);
      }
    }
    if (errors.length() > 0) {
      errors.append("WARNING: ACL errors detected, no change to the previously active ACL rules was performed");
      return errors.toString();
    }
    Rules def = loaded.remove(DEFAULT_USER);
    defaultUser.setRules(def != null ? def : initialDefaultRules(""));
    users.keySet().removeIf(n -> !n.equals(DEFAULT_USER));
    for (Map.Entry<String, Rules> e : new TreeMap<>(loaded).entrySet()) {
      users.put(e.getKey(), new AclUser(e.getKey(), e.getValue()));
    }
    return null;
  }

  private static String reasonOf(IOException e) {
    if (e instanceof java.nio.file.NoSuchFileException) {
      return "No such file or directory";
    }
    return String.valueOf(e.getMessage());
  }

  /**
   * Splits a line as Redis's sdssplitargs does: spaces separate arguments,
   * "double quotes" (with \n, \r, \t, \\, \", \xHH escapes) and 'single
   * quotes' group; null when quotes are unbalanced.
   */
  static List<String> splitArgs(String line) {
    List<String> out = new ArrayList<>();
    int i = 0;
    int n = line.length();
    while (true) {
      while (i < n && Character.isWhitespace(line.charAt(i))) {
        i++;
      }
      if (i >= n) {
        return out;
      }
      StringBuilder cur = new StringBuilder();
      boolean inDq = false;
      boolean inSq = false;
      boolean done = false;
      while (!done) {
        if (inDq) {
          if (i >= n) {
            return null;
          }
          char c = line.charAt(i);
          if (c == '\\' && i + 3 < n && line.charAt(i + 1) == 'x' && isHex(line.charAt(i + 2))
              && isHex(line.charAt(i + 3))) {
            cur.append((char) Integer.parseInt(line.substring(i + 2, i + 4), 16));
            i += 3;
          } else if (c == '\\' && i + 1 < n) {
            char e = line.charAt(++i);
            cur.append(switch (e) {
              case 'n' -> '\n';
              case 'r' -> '\r';
              case 't' -> '\t';
              case 'b' -> '\b';
              case 'a' -> (char) 7;
              default -> e;
            });
          } else if (c == '"') {
            if (i + 1 < n && !Character.isWhitespace(line.charAt(i + 1))) {
              return null;
            }
            done = true;
          } else {
            cur.append(c);
          }
        } else if (inSq) {
          if (i >= n) {
            return null;
          }
          char c = line.charAt(i);
          if (c == '\\' && i + 1 < n && line.charAt(i + 1) == '\'') {
            i++;
            cur.append('\'');
          } else if (c == '\'') {
            if (i + 1 < n && !Character.isWhitespace(line.charAt(i + 1))) {
              return null;
            }
            done = true;
          } else {
            cur.append(c);
          }
        } else {
          if (i >= n) {
            break;
          }
          char c = line.charAt(i);
          if (Character.isWhitespace(c)) {
            done = true;
          } else if (c == '"') {
            inDq = true;
          } else if (c == '\'') {
            inSq = true;
          } else {
            cur.append(c);
          }
        }
        if (i < n) {
          i++;
        }
      }
      out.add(cur.toString());
    }
  }

  private static boolean isHex(char c) {
    return Character.digit(c, 16) >= 0;
  }

  static String text(byte[] b) {
    return new String(b, StandardCharsets.ISO_8859_1);
  }

  static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.ISO_8859_1);
  }
}

package io.troupe.acl;

import io.troupe.keyspace.GlobPattern;
import io.troupe.resp.RespErrors;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * One set of permissions (Redis 7's {@code aclSelector}): which commands may
 * run (a bit per command id, plus the "future commands" bit that only
 * {@code +@all} sets, plus allowed first arguments), which keys they may
 * touch and how (read, write), and which pub/sub channels. A user has a root
 * selector and may have more; a command is allowed when any one allows it.
 *
 * <p>Mutable while a user's rules are being built; the {@link Rules} holding
 * it are published only when complete and never changed after.
 */
final class Selector {
  static final int READ = 1;
  static final int WRITE = 2;
  static final int READ_WRITE = READ | WRITE;

  /** A key pattern and the access it grants ({@link #READ}, {@link #WRITE} or both). */
  static final class KeyPattern {
    final String pattern; // ISO-8859-1: one char per byte
    int flags;

    KeyPattern(String pattern, int flags) {
      this.pattern = pattern;
      this.flags = flags;
    }

    String describe() {
      String prefix = flags == READ_WRITE ? "~" : flags == READ ? "%R~" : "%W~";
      return prefix + pattern;
    }
  }

  private final CommandIds ids;
  private final BitSet commands;
  private boolean allCommands; // the reserved bit: commands added later are allowed too
  private final Map<Integer, List<String>> firstArgs = new LinkedHashMap<>();
  private boolean allKeys;
  private final List<KeyPattern> keys = new ArrayList<>();
  private boolean allChannels;
  private final List<String> channels = new ArrayList<>();

  Selector(CommandIds ids) {
    this.ids = ids;
    this.commands = new BitSet(ids.size());
  }

  Selector copy() {
    Selector s = new Selector(ids);
    s.commands.or(commands);
    s.allCommands = allCommands;
    firstArgs.forEach((id, args) -> s.firstArgs.put(id, new ArrayList<>(args)));
    s.allKeys = allKeys;
    for (KeyPattern k : keys) {
      s.keys.add(new KeyPattern(k.pattern, k.flags));
    }
    s.allChannels = allChannels;
    s.channels.addAll(channels);
    return s;
  }

  /** True when every command is allowed (not only when +@all was the last word on commands). */
  boolean allowsEveryCommand() {
    return commands.nextClearBit(0) >= ids.size();
  }

  boolean allKeys() {
    return allKeys;
  }

  boolean allChannels() {
    return allChannels;
  }

  // ---- rules --------------------------------------------------------------------------------

  /**
   * Applies one selector rule ({@code +get}, {@code -@write}, {@code ~k*},
   * {@code %R~k*}, {@code &ch*}, {@code allkeys}...). Throws AclRuleException
   * with Redis's reason when the rule is invalid; the selector may then be
   * half-changed, so callers work on a copy.
   */
  void apply(String op) {
    String lower = op.toLowerCase(Locale.ROOT);
    switch (lower) {
      case "allkeys" -> {
        allKeys = true;
        keys.clear();
        return;
      }
      case "resetkeys" -> {
        allKeys = false;
        keys.clear();
        return;
      }
      case "allchannels" -> {
        allChannels = true;
        channels.clear();
        return;
      }
      case "resetchannels" -> {
        allChannels = false;
        channels.clear();
        return;
      }
      case "allcommands", "+@all" -> {
        commands.set(0, ids.size());
        allCommands = true;
        firstArgs.clear();
        return;
      }
      case "nocommands", "-@all" -> {
        commands.clear();
        allCommands = false;
        firstArgs.clear();
        return;
      }
      default -> {
      }
    }
    if (op.isEmpty()) {
      throw new AclRuleException(RespErrors.ACL_SYNTAX);
    }
    char c0 = op.charAt(0);
    if (c0 == '~' || c0 == '%') {
      addKeyPattern(op);
    } else if (c0 == '&') {
      addChannel(op.substring(1));
    } else if ((c0 == '+' || c0 == '-') && op.length() > 1 && op.charAt(1) == '@') {
      int cat = CommandIds.category(op.substring(2));
      if (cat < 0) {
        throw new AclRuleException(RespErrors.ACL_UNKNOWN_NAME);
      }
      setCategory(cat, c0 == '+');
    } else if (c0 == '+') {
      allowCommand(op.substring(1));
    } else if (c0 == '-') {
      CommandIds.Cmd cmd = ids.lookup(op.substring(1));
      if (cmd == null) {
        throw new AclRuleException(RespErrors.ACL_UNKNOWN_NAME);
      }
      changePerm(cmd, false);
    } else {
      throw new AclRuleException(RespErrors.ACL_SYNTAX);
    }
  }

  private void addKeyPattern(String op) {
    int flags = 0;
    int offset = 1;
    if (op.charAt(0) == '%') {
      for (; offset < op.length(); offset++) {
        char ch = Character.toUpperCase(op.charAt(offset));
        if (ch == 'R' && (flags & READ) == 0) {
          flags |= READ;
        } else if (ch == 'W' && (flags & WRITE) == 0) {
          flags |= WRITE;
        } else if (ch == '~') {
          offset++;
          break;
        } else {
          throw new AclRuleException(RespErrors.ACL_SYNTAX);
        }
      }
      if (flags == 0) {
        throw new AclRuleException(RespErrors.ACL_SYNTAX);
      }
    } else {
      flags = READ_WRITE;
    }
    String pattern = offset >= op.length() ? "" : op.substring(offset);
    if (hasSpaces(pattern)) {
      throw new AclRuleException(RespErrors.ACL_SYNTAX);
    }
    if (pattern.equals("*") && flags == READ_WRITE) {
      allKeys = true;
      keys.clear();
      return;
    }
    if (allKeys) {
      throw new AclRuleException(RespErrors.ACL_KEYS_AFTER_ALL);
    }
    for (KeyPattern k : keys) {
      if (k.pattern.equals(pattern)) {
        k.flags |= flags;
        return;
      }
    }
    keys.add(new KeyPattern(pattern, flags));
  }

  private void addChannel(String pattern) {
    if (hasSpaces(pattern)) {
      throw new AclRuleException(RespErrors.ACL_SYNTAX);
    }
    if (pattern.equals("*")) {
      allChannels = true;
      channels.clear();
      return;
    }
    if (allChannels) {
      throw new AclRuleException(RespErrors.ACL_CHANNELS_AFTER_ALL);
    }
    if (!channels.contains(pattern)) {
      channels.add(pattern);
    }
  }

  private static boolean hasSpaces(String s) {
    for (int i = 0; i < s.length(); i++) {
      char ch = s.charAt(i);
      if (Character.isWhitespace(ch) || ch == 0) {
        return true;
      }
    }
    return false;
  }

  /** {@code +cmd}, {@code +container|sub}, or {@code +cmd|firstarg} (a command without subcommands). */
  private void allowCommand(String name) {
    int bar = name.lastIndexOf('|');
    if (bar < 0) {
      CommandIds.Cmd cmd = ids.lookup(name);
      if (cmd == null) {
        throw new AclRuleException(RespErrors.ACL_UNKNOWN_NAME);
      }
      changePerm(cmd, true);
      return;
    }
    String head = name.substring(0, bar);
    String sub = name.substring(bar + 1);
    CommandIds.Cmd cmd = ids.lookup(head);
    if (cmd == null) {
      throw new AclRuleException(RespErrors.ACL_UNKNOWN_NAME);
    }
    if (cmd.parent() >= 0) {
      throw new AclRuleException(RespErrors.ACL_FIRSTARG_OF_SUBCOMMAND);
    }
    if (sub.isEmpty()) {
      throw new AclRuleException(RespErrors.ACL_SYNTAX);
    }
    if (cmd.children().length > 0) {
      CommandIds.Cmd subCmd = ids.lookup(name);
      if (subCmd == null) {
        throw new AclRuleException(RespErrors.ACL_UNKNOWN_NAME);
      }
      changePerm(subCmd, true);
    } else {
      List<String> args = firstArgs.computeIfAbsent(cmd.id(), k -> new ArrayList<>());
      String arg = sub.toLowerCase(Locale.ROOT);
      if (!args.contains(arg)) {
        args.add(arg);
      }
    }
  }

  /** Sets one command's bit (and its subcommands' bits); forgets its allowed first arguments. */
  void changePerm(CommandIds.Cmd cmd, boolean allow) {
    commands.set(cmd.id(), allow);
    firstArgs.remove(cmd.id());
    for (int child : cmd.children()) {
      commands.set(child, allow);
    }
  }

  /** {@code +@category} / {@code -@category}: every command and subcommand in it. */
  void setCategory(int category, boolean allow) {
    for (CommandIds.Cmd top : ids.topLevel()) {
      if (top.inCategory(category)) {
        changePerm(top, allow);
      }
      for (int child : top.children()) {
        CommandIds.Cmd sub = ids.get(child);
        if (sub.inCategory(category)) {
          changePerm(sub, allow);
        }
      }
    }
  }

  // ---- checks -------------------------------------------------------------------------------

  /** True when {@code cmd} may run with these arguments (the command bit or an allowed first argument). */
  boolean canRun(CommandIds.Cmd cmd, byte[][] argv) {
    if (commands.get(cmd.id()) || cmd.spec().hasFlag("no_auth")) {
      return true;
    }
    List<String> args = firstArgs.get(cmd.id());
    if (args == null || argv.length < 2) {
      return false;
    }
    return args.contains(new String(argv[1], StandardCharsets.ISO_8859_1).toLowerCase(Locale.ROOT));
  }

  /** True when a key may be accessed as {@code needed} ({@link #READ}/{@link #WRITE} bits, 0 for neither). */
  boolean canAccessKey(byte[] key, int needed) {
    if (allKeys) {
      return true;
    }
    for (KeyPattern k : keys) {
      if ((k.flags & needed) == needed
          && GlobPattern.matches(k.pattern.getBytes(StandardCharsets.ISO_8859_1), key, false)) {
        return true;
      }
    }
    return false;
  }

  /**
   * True when a channel may be used: a channel name matches the selector's
   * patterns; a pattern (PSUBSCRIBE) must equal one of them literally.
   */
  boolean canAccessChannel(byte[] channel, boolean isPattern) {
    if (allChannels) {
      return true;
    }
    String name = new String(channel, StandardCharsets.ISO_8859_1);
    for (String p : channels) {
      if (isPattern ? p.equals(name)
          : GlobPattern.matches(p.getBytes(StandardCharsets.ISO_8859_1), channel, false)) {
        return true;
      }
    }
    return false;
  }

  // ---- description --------------------------------------------------------------------------

  /** The key patterns as ACL GETUSER shows them: "~*", or "~a %R~b", or "". */
  String describeKeys() {
    if (allKeys) {
      return "~*";
    }
    StringBuilder b = new StringBuilder();
    for (KeyPattern k : keys) {
      if (b.length() > 0) {
        b.append(' ');
      }
      b.append(k.describe());
    }
    return b.toString();
  }

  /** The channel patterns as ACL GETUSER shows them: "&*", or "&a &b", or "". */
  String describeChannels() {
    if (allChannels) {
      return "&*";
    }
    StringBuilder b = new StringBuilder();
    for (String c : channels) {
      if (b.length() > 0) {
        b.append(' ');
      }
      b.append('&').append(c);
    }
    return b.toString();
  }

  /** The whole selector as ACL LIST shows it: keys, channels ("resetchannels ..."), commands. */
  String describe() {
    StringBuilder b = new StringBuilder();
    if (allKeys || !keys.isEmpty()) { // no key rule at all: nothing is shown for keys
      b.append(describeKeys()).append(' ');
    }
    if (allChannels) {
      b.append("&* ");
    } else {
      b.append("resetchannels ");
      for (String c : channels) {
        b.append('&').append(c).append(' ');
      }
    }
    b.append(describeCommands());
    return b.toString();
  }

  /**
   * The command rules that rebuild this selector's bitmap, as Redis 7.0
   * writes them: "+@all" or "-@all", then the categories that fit best
   * (chosen greedily: fewest differences, then most in common), then single
   * commands, subcommands and first arguments for what still differs.
   */
  String describeCommands() {
    boolean additive = !allCommands;
    StringBuilder rules = new StringBuilder(additive ? "-@all" : "+@all");
    Selector fake = new Selector(ids);
    fake.apply(additive ? "-@all" : "+@all");
    Selector temp = new Selector(ids);
    temp.commands.or(commands);
    boolean[] applied = new boolean[CommandIds.CATEGORIES.size()];
    while (true) {
      int best = -1;
      long minDiff = Long.MAX_VALUE;
      long maxSame = 0;
      for (int j = 0; j < applied.length; j++) {
        if (applied[j]) {
          continue;
        }
        long[] onOff = temp.countCategory(j);
        long diff = additive ? onOff[1] : onOff[0];
        long same = additive ? onOff[0] : onOff[1];
        if (same > diff && (diff < minDiff || (diff == minDiff && same > maxSame))) {
          best = j;
          minDiff = diff;
          maxSame = same;
        }
      }
      if (best < 0) {
        break;
      }
      fake.setCategory(best, additive);
      temp.setCategory(best, !additive);
      rules.append(additive ? " +@" : " -@").append(CommandIds.CATEGORIES.get(best));
      applied[best] = true;
    }
    for (CommandIds.Cmd top : ids.topLevel()) {
      fixOne(top, fake, rules);
      for (int child : top.children()) {
        fixOne(ids.get(child), fake, rules);
      }
    }
    return rules.toString();
  }

  private void fixOne(CommandIds.Cmd cmd, Selector fake, StringBuilder rules) {
    boolean userBit = commands.get(cmd.id());
    if (userBit != fake.commands.get(cmd.id())) {
      rules.append(userBit ? " +" : " -").append(cmd.fullName());
      fake.changePerm(cmd, userBit);
    }
    List<String> args = firstArgs.get(cmd.id());
    if (!userBit && args != null) {
      for (String a : args) {
        rules.append(" +").append(cmd.fullName()).append('|').append(a);
      }
    }
  }

  /** {on, off}: how many commands and subcommands of a category this selector allows and denies. */
  private long[] countCategory(int category) {
    long on = 0;
    long off = 0;
    for (CommandIds.Cmd top : ids.topLevel()) {
      if (top.inCategory(category)) {
        if (commands.get(top.id())) {
          on++;
        } else {
          off++;
        }
      }
      for (int child : top.children()) {
        if (ids.get(child).inCategory(category)) {
          if (commands.get(child)) {
            on++;
          } else {
            off++;
          }
        }
      }
    }
    return new long[] {on, off};
  }
}

package io.troupe.acl;

import io.troupe.command.CommandSpec;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Every command and subcommand of the table numbered, as Redis gives each
 * {@code redisCommand} an id for the ACL bitmaps, with its ACL categories as
 * a bit mask over {@link #CATEGORIES}. Ids follow the table's order (commands
 * by name, each followed by its subcommands), which is also the order ACL
 * GETUSER / ACL LIST use when they describe single-command rules.
 */
public final class CommandIds {
  /** Redis 7.0's ACL categories, in ACL CAT's order. */
  public static final List<String> CATEGORIES = List.of("keyspace", "read", "write", "set", "sortedset",
      "list", "hash", "string", "bitmap", "hyperloglog", "geo", "stream", "pubsub", "admin", "fast", "slow",
      "blocking", "dangerous", "connection", "transaction", "scripting");

  /** One numbered command. {@code parent} is -1 for a top-level command. */
  public record Cmd(int id, CommandSpec spec, int parent, int[] children, long categories) {
    public String fullName() {
      return spec.fullName();
    }

    public boolean inCategory(int category) {
      return (categories & (1L << category)) != 0;
    }
  }

  private final List<Cmd> byId = new ArrayList<>();
  private final List<Cmd> topLevel = new ArrayList<>();
  private final Map<String, Cmd> byName = new HashMap<>();

  public CommandIds(Collection<CommandSpec> specs) {
    for (CommandSpec spec : specs) {
      int id = byId.size();
      byId.add(null);
      int[] children = new int[spec.subcommands().size()];
      int i = 0;
      for (CommandSpec sub : spec.subcommands().values()) {
        Cmd c = new Cmd(byId.size(), sub, id, new int[0], categoryMask(sub));
        byId.add(c);
        byName.put(sub.fullName(), c);
        children[i++] = c.id();
      }
      Cmd top = new Cmd(id, spec, -1, children, categoryMask(spec));
      byId.set(id, top);
      topLevel.add(top);
      byName.put(spec.fullName(), top);
    }
  }

  private static long categoryMask(CommandSpec spec) {
    long mask = 0;
    for (String c : spec.categories()) {
      int i = category(c.startsWith("@") ? c.substring(1) : c);
      if (i >= 0) {
        mask |= 1L << i;
      }
    }
    return mask;
  }

  /** The index of a category name (any case) in {@link #CATEGORIES}, or -1. */
  public static int category(String name) {
    return CATEGORIES.indexOf(name.toLowerCase(Locale.ROOT));
  }

  /** How many ids there are (commands and subcommands). */
  public int size() {
    return byId.size();
  }

  public Cmd get(int id) {
    return byId.get(id);
  }

  /** A command by full name ("get", "config|get"), any case; null when unknown. */
  public Cmd lookup(String fullName) {
    return byName.get(fullName.toLowerCase(Locale.ROOT));
  }

  /** Top-level commands in id order; subcommands hang off {@link Cmd#children()}. */
  public List<Cmd> topLevel() {
    return Collections.unmodifiableList(topLevel);
  }
}

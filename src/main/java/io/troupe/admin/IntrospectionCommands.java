package io.troupe.admin;

import io.troupe.command.CommandStats;
import io.troupe.command.CommandTable;
import io.troupe.command.HelpReply;
import io.troupe.command.LatencyHistogram;
import io.troupe.command.Session;
import io.troupe.command.SlowLog;
import io.troupe.keyspace.Entry;
import io.troupe.keyspace.ExecContext;
import io.troupe.keyspace.KeySlot;
import io.troupe.keyspace.LatencyMonitor;
import io.troupe.keyspace.MemoryUsage;
import io.troupe.resp.CommandException;
import io.troupe.resp.Reply;
import io.troupe.resp.RespErrors;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * SLOWLOG (slowlog.c), LATENCY (latency.c), MEMORY (object.c's
 * memoryCommand) and CONFIG REWRITE. SLOWLOG and LATENCY read what
 * connections record into the server's {@link io.troupe.command.Introspection};
 * MEMORY USAGE runs on the shard owning the key.
 */
final class IntrospectionCommands {
  private IntrospectionCommands() {}

  static void bind(CommandTable t) {
    t.session("slowlog|get", IntrospectionCommands::slowlogGet);
    t.session("slowlog|len", IntrospectionCommands::slowlogLen);
    t.session("slowlog|reset", IntrospectionCommands::slowlogReset);
    t.session("slowlog|help", IntrospectionCommands::slowlogHelp);
    t.session("latency|latest", IntrospectionCommands::latencyLatest);
    t.session("latency|history", IntrospectionCommands::latencyHistory);
    t.session("latency|reset", IntrospectionCommands::latencyReset);
    t.session("latency|doctor", IntrospectionCommands::latencyDoctor);
    t.session("latency|histogram", IntrospectionCommands::latencyHistogram);
    t.session("latency|help", IntrospectionCommands::latencyHelp);
    t.keyed("memory|usage", IntrospectionCommands::memoryUsage);
    t.session("memory|stats", IntrospectionCommands::memoryStats);
    t.session("memory|doctor", IntrospectionCommands::memoryDoctor);
    t.session("memory|purge", IntrospectionCommands::memoryPurge);
    t.session("memory|malloc-stats", IntrospectionCommands::mallocStats);
    t.session("memory|help", IntrospectionCommands::memoryHelp);
    t.session("config|rewrite", IntrospectionCommands::configRewrite);
  }

  // ---- SLOWLOG ----------------------------------------------------------------------------

  /** SLOWLOG GET [count] */
  static Reply slowlogGet(Session s, byte[][] argv) {
    long count = 10;
    if (argv.length == 3) {
      try {
        count = Long.parseLong(new String(argv[2], StandardCharsets.US_ASCII));
      } catch (NumberFormatException e) {
        throw new CommandException(RespErrors.SLOWLOG_COUNT);
      }
      if (count < -1) {
        throw new CommandException(RespErrors.SLOWLOG_COUNT);
      }
    }
    List<Reply> out = new ArrayList<>();
    for (SlowLog.Entry e : s.server().introspection().slowLog().newest(count)) {
      List<Reply> args = new ArrayList<>(e.argv().length);
      for (byte[] a : e.argv()) {
        args.add(Reply.bulk(a));
      }
      out.add(Reply.array(Reply.integer(e.id()), Reply.integer(e.timeSeconds()), Reply.integer(e.micros()),
          Reply.array(args), Reply.bulk(e.addr()), Reply.bulk(e.name())));
    }
    return Reply.array(out);
  }

  /** SLOWLOG LEN */
  static Reply slowlogLen(Session s, byte[][] argv) {
    return Reply.integer(s.server().introspection().slowLog().size());
  }

  /** SLOWLOG RESET */
  static Reply slowlogReset(Session s, byte[][] argv) {
    s.server().introspection().slowLog().reset();
    return Reply.OK;
  }

  /** SLOWLOG HELP */
  static Reply slowlogHelp(Session s, byte[][] argv) {
    return HelpReply.of("SLOWLOG",
        "GET [<count>]",
        "    Return top <count> entries from the slowlog (default: 10, -1 mean all).",
        "    Entries are made of:",
        "    id, timestamp, time in microseconds, arguments array, client IP and port,",
        "    client name",
        "LEN",
        "    Return the length of the slowlog.",
        "RESET",
        "    Reset the slowlog.");
  }

  // ---- LATENCY ----------------------------------------------------------------------------

  /** LATENCY LATEST */
  static Reply latencyLatest(Session s, byte[][] argv) {
    List<Reply> out = new ArrayList<>();
    for (LatencyMonitor.Series e : s.server().introspection().latency().all()) {
      LatencyMonitor.Sample last = e.latest();
      out.add(Reply.array(Reply.bulk(e.event()), Reply.integer(last.time()), Reply.integer(last.latency()),
          Reply.integer(e.max())));
    }
    return Reply.array(out);
  }

  /** LATENCY HISTORY event */
  static Reply latencyHistory(Session s, byte[][] argv) {
    LatencyMonitor.Series e = s.server().introspection().latency().get(text(argv[2]));
    List<Reply> out = new ArrayList<>();
    if (e != null) {
      for (LatencyMonitor.Sample x : e.samples()) {
        out.add(Reply.array(Reply.integer(x.time()), Reply.integer(x.latency())));
      }
    }
    return Reply.array(out);
  }

  /** LATENCY RESET [event [event ...]] */
  static Reply latencyReset(Session s, byte[][] argv) {
    List<String> names = new ArrayList<>();
    for (int i = 2; i < argv.length; i++) {
      names.add(text(argv[i]));
    }
    return Reply.integer(s.server().introspection().latency().reset(names));
  }

  /**
   * LATENCY DOCTOR: Redis's opening lines, then per event its spikes, their
   * average and mean deviation and the worst one, and advice only where
   * Troupe has a setting that matters.
   */
  static Reply latencyDoctor(Session s, byte[][] argv) {
    List<LatencyMonitor.Series> all = s.server().introspection().latency().all();
    if (all.isEmpty()) {
      return Reply.verbatim("Dave, no latency spike was observed during the lifetime of this Redis instance, "
          + "not in the slightest bit. I honestly think you ought to sit down calmly, take a stress pill, "
          + "and think things over.\n");
    }
    StringBuilder sb = new StringBuilder("Dave, I have observed latency spikes in this Redis instance. "
        + "You don't mind talking about it, do you Dave?\n\n");
    int n = 1;
    boolean commands = false;
    boolean expire = false;
    for (LatencyMonitor.Series e : all) {
      long sum = 0;
      for (LatencyMonitor.Sample x : e.samples()) {
        sum += x.latency();
      }
      double avg = (double) sum / e.samples().size();
      double dev = 0;
      for (LatencyMonitor.Sample x : e.samples()) {
        dev += Math.abs(x.latency() - avg);
      }
      dev /= e.samples().size();
      long period = e.samples().size() > 1
          ? (e.latest().time() - e.samples().get(0).time()) / (e.samples().size() - 1) : 0;
      sb.append(n++).append(". ").append(e.event()).append(": ").append(e.samples().size())
          .append(" latency spikes (average ").append(Math.round(avg)).append("ms, mean deviation ")
          .append(Math.round(dev)).append("ms, period ").append(period).append(" sec). Worst all time event ")
          .append(e.max()).append("ms.\n");
      commands |= e.event().equals("command") || e.event().equals("fast-command");
      expire |= e.event().equals("expire-cycle");
    }
    sb.append("\nI have a few advices for you:\n\n");
    if (commands) {
      sb.append("- Check your Slow Log to understand what are the commands you are running which are too "
          + "slow to execute. Please check https://redis.io/commands/slowlog for more information.\n");
    }
    if (expire) {
      sb.append("- Many keys expiring at the same time make the active expire cycle run longer: consider "
          + "spreading expiry times, or lowering active-expire-effort.\n");
    }
    return Reply.verbatim(sb.toString());
  }

  /** LATENCY HISTOGRAM [command [command ...]] */
  static Reply latencyHistogram(Session s, byte[][] argv) {
    CommandStats stats = s.server().introspection().commandStats();
    List<CommandStats.Entry> entries = new ArrayList<>();
    if (argv.length == 2) {
      entries.addAll(stats.used());
    } else {
      for (int i = 2; i < argv.length; i++) {
        String name = text(argv[i]).toLowerCase(Locale.ROOT);
        if (s.commands().spec(name.contains("|") ? name.substring(0, name.indexOf('|')) : name) != null) {
          entries.add(stats.of(name));
        }
      }
    }
    List<Reply> out = new ArrayList<>();
    for (CommandStats.Entry e : entries) {
      LatencyHistogram h = e.histogram();
      if (h == null || h.totalCount() == 0) {
        continue;
      }
      List<Reply> buckets = new ArrayList<>();
      for (Map.Entry<Long, Long> b : h.cumulativeByPowerOfTwo().entrySet()) {
        buckets.add(Reply.integer(b.getKey() / 1000));
        buckets.add(Reply.integer(b.getValue()));
      }
      out.add(Reply.bulk(e.name));
      out.add(Reply.map(List.of(Reply.bulk("calls"), Reply.integer(e.calls()),
          Reply.bulk("histogram_usec"), Reply.map(buckets))));
    }
    return Reply.map(out);
  }

  /** LATENCY HELP */
  static Reply latencyHelp(Session s, byte[][] argv) {
    return HelpReply.of("LATENCY",
        "DOCTOR",
        "    Return a human readable latency analysis report.",
        "HISTORY <event>",
        "    Return time-latency samples for the <event> class.",
        "LATEST",
        "    Return the latest latency samples for all events.",
        "RESET [<event> ...]",
        "    Reset latency data of one or more <event> classes.",
        "    (default: reset all data for all event classes)",
        "HISTOGRAM [COMMAND ...]",
        "    Return a cumulative distribution of latencies in the format of a histogram for the specified "
            + "command names.",
        "    If no commands are specified then all histograms are replied.");
  }

  // ---- MEMORY -----------------------------------------------------------------------------

  /** MEMORY USAGE key [SAMPLES count] */
  static Reply memoryUsage(ExecContext ctx, byte[][] argv) {
    long samples = 5;
    for (int i = 3; i < argv.length; i++) {
      if (new String(argv[i], StandardCharsets.US_ASCII).equalsIgnoreCase("SAMPLES") && i + 1 < argv.length) {
        try {
          samples = Long.parseLong(new String(argv[++i], StandardCharsets.US_ASCII));
        } catch (NumberFormatException e) {
          throw new CommandException(RespErrors.NOT_INTEGER);
        }
        if (samples < 0) {
          throw new CommandException(RespErrors.SYNTAX);
        }
      } else {
        throw new CommandException(RespErrors.SYNTAX);
      }
    }
    byte[] key = argv[2];
    Entry e = ctx.database(ctx.db(), key).get(key, KeySlot.slot(key));
    if (e == null || e.hasExpiry() && e.expireAt() <= ctx.now()) {
      return Reply.NULL_BULK;
    }
    // The estimate maxmemory accounts with (within a few % of the heap it takes; it measures
    // up to MemoryUsage.SAMPLES elements of a large value and scales), so SAMPLES is checked
    // for syntax but does not change the figure.
    return Reply.integer(MemoryUsage.keyOverhead(key) + MemoryUsage.ofValue(e.value()));
  }

  /** MEMORY STATS: the figures Troupe can state, by Redis's names (JVM heap for the allocator's). */
  static Reply memoryStats(Session s, byte[][] argv) {
    long used = InfoSections.usedMemory(s.server());
    long peak = AdminState.of(s.server()).peak(used);
    long keys = 0;
    for (io.troupe.keyspace.Keyspace ks : s.server().keyspaces()) {
      for (int d = 0; d < ks.databases(); d++) {
        keys += ks.db(d).size();
      }
    }
    List<Reply> out = new ArrayList<>();
    out.add(Reply.bulk("peak.allocated"));
    out.add(Reply.integer(peak));
    out.add(Reply.bulk("total.allocated"));
    out.add(Reply.integer(used));
    out.add(Reply.bulk("clients.normal"));
    out.add(Reply.integer(0));
    out.add(Reply.bulk("keys.count"));
    out.add(Reply.integer(keys));
    out.add(Reply.bulk("keys.bytes-per-key"));
    out.add(Reply.integer(keys == 0 ? 0 : used / keys));
    out.add(Reply.bulk("peak.percentage"));
    out.add(Reply.dbl(peak == 0 ? 0 : 100.0 * used / peak));
    return Reply.map(out);
  }

  /** MEMORY DOCTOR: Redis's messages for the checks that apply to Troupe (peak versus usage). */
  static Reply memoryDoctor(Session s, byte[][] argv) {
    long used = InfoSections.usedMemory(s.server());
    long peak = AdminState.of(s.server()).peak(used);
    if (peak > used * 3 / 2) {
      return Reply.verbatim("Sam, I detected a few issues in this Redis instance memory implants:\n\n"
          + " * Peak memory: In the past this instance used more than 150% the memory that is currently "
          + "using. The allocator is normally not able to release memory after a peak, so you can expect "
          + "to see a big fragmentation ratio, however this is actually harmless and is only due to the "
          + "memory peak, and if the Redis instance Resident Set Size (RSS) is currently bigger than "
          + "expected, the memory will be used as soon as you fill the Redis instance with more data. If "
          + "the memory peak was only occasional and you want to try to reclaim memory, please try the "
          + "MEMORY PURGE command, otherwise the only other option is to shutdown and restart the "
          + "instance.\n\nI'm here to keep you safe, Sam. I want to help you.\n");
    }
    return Reply.verbatim("Hi Sam, I can't find any memory issue in your instance. "
        + "I can only account for what occurs on this base.\n");
  }

  /** MEMORY PURGE: asks the JVM to collect garbage (the nearest thing to releasing dirty pages). */
  static Reply memoryPurge(Session s, byte[][] argv) {
    System.gc();
    return Reply.OK;
  }

  /** MEMORY MALLOC-STATS: Redis's answer for an allocator without statistics. */
  static Reply mallocStats(Session s, byte[][] argv) {
    return Reply.verbatim("Stats not supported for the current allocator");
  }

  /** MEMORY HELP */
  static Reply memoryHelp(Session s, byte[][] argv) {
    return HelpReply.of("MEMORY",
        "DOCTOR",
        "    Return memory problems reports.",
        "MALLOC-STATS",
        "    Return internal statistics report from the memory allocator.",
        "PURGE",
        "    Attempt to purge dirty pages for reclamation by the allocator.",
        "STATS",
        "    Return information about the memory usage of the server.",
        "USAGE <key> [SAMPLES <count>]",
        "    Return memory in bytes used by <key> and its value. Nested values are",
        "    sampled up to <count> times (default: 5, 0 means sample all).");
  }

  // ---- CONFIG REWRITE ---------------------------------------------------------------------

  /** CONFIG REWRITE */
  static Reply configRewrite(Session s, byte[][] argv) {
    String file = s.server().configFile();
    if (file == null || file.isEmpty()) {
      throw new CommandException(RespErrors.NO_CONFIG_FILE);
    }
    try {
      ConfigRewrite.rewrite(s.config(), java.nio.file.Path.of(file));
    } catch (java.io.IOException e) {
      throw new CommandException(RespErrors.CONFIG_REWRITE_FAILED + e.getMessage());
    }
    return Reply.OK;
  }

  static String text(byte[] b) {
    return new String(b, StandardCharsets.UTF_8);
  }
}

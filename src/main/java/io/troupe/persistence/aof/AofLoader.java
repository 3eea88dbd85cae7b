package io.troupe.persistence.aof;

import io.troupe.config.ServerConfig;
import io.troupe.keyspace.CommandHandler;
import io.troupe.keyspace.ExecContext;
import io.troupe.keyspace.Keyspace;
import io.troupe.keyspace.SlotMap;
import io.troupe.persistence.rdb.RdbException;
import io.troupe.persistence.rdb.RdbFiles;
import io.troupe.resp.CommandException;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Loads the AOF at start-up (Redis's loadAppendOnlyFiles): the base (an RDB
 * with aof-use-rdb-preamble, else commands), then every incr file in order,
 * replaying each command through its handler against the shards' keyspaces.
 * Keys are not expired while loading. A torn last command of the last file is
 * cut off when {@code aof-load-truncated} is on (an unfinished MULTI counts as
 * torn); anything else that is not a whole command fails the load.
 */
public final class AofLoader {
  private static final Logger log = LoggerFactory.getLogger("troupe");

  private AofLoader() {}

  /** What a load replayed. */
  public record Loaded(AofManifest manifest, long commands) {}

  /**
   * Loads the AOF of {@code config} into empty {@code keyspaces}; null when
   * there is none (no directory, or an empty one). {@code commands} finds a
   * command's handler by its lower-case name (null when unknown).
   */
  public static Loaded load(List<Keyspace> keyspaces, SlotMap slots, ServerConfig config,
      Function<String, CommandHandler> commands) throws AofException, IOException {
    Path dir = AofFiles.dir(config);
    String prefix = AofFiles.prefix(config);
    AofManifest m = AofFiles.readManifest(config);
    if (m == null) {
      if (hasAofFiles(dir, prefix)) {
        // Redis would start empty here and overwrite them: refuse instead.
        throw new AofException("The AOF directory " + dir + " has AOF files but no manifest "
            + AofManifest.manifestName(prefix) + ": refusing to start with an empty dataset. Restore the "
            + "manifest (or move the files away to start empty).");
      }
      return null;
    }
    long start = System.nanoTime();
    ExecContext ctx = new ExecContext(keyspaces.toArray(new Keyspace[0]), slots, config);
    ctx.setLoading(true);
    ctx.setBlockingAllowed(false);
    List<AofManifest.AofFile> files = new ArrayList<>();
    if (m.base() != null) {
      files.add(m.base());
    }
    files.addAll(m.incrs());
    long replayed = 0;
    for (int i = 0; i < files.size(); i++) {
      AofManifest.AofFile f = files.get(i);
      boolean last = i == files.size() - 1;
      Path path = dir.resolve(f.name());
      if (!Files.exists(path)) {
        throw new AofException("The AOF file " + f.name() + " doesn't exist");
      }
      long fileStart = System.nanoTime();
      if (Files.size(path) == 0) {
        continue; // an empty file loads nothing (Redis's AOF_EMPTY)
      }
      boolean base = f.type() == AofManifest.Type.BASE;
      if (base && startsWithRdb(path)) {
        log.info("Reading RDB base file on AOF loading...");
        try (InputStream in = new BufferedInputStream(Files.newInputStream(path), 1 << 16)) {
          RdbFiles.Loaded l = RdbFiles.load(in, keyspaces, slots, config, System.currentTimeMillis(), true);
          log.info("RDB is base AOF");
          log.info("Done loading RDB, keys loaded: {}, keys expired: {}.", l.keysLoaded(), l.keysExpired());
        } catch (RdbException e) {
          throw new AofException(e.getMessage());
        }
      } else {
        replayed += replay(path, f.name(), last, ctx, commands, config.getBool("aof-load-truncated"));
      }
      log.info("DB loaded from {} file {}: {} seconds", base ? "base" : "incr", f.name(), seconds(fileStart));
    }
    log.info("DB loaded from append only file: {} seconds", seconds(start));
    return new Loaded(m, replayed);
  }

  private static String seconds(long startNanos) {
    return String.format(Locale.ROOT, "%.3f", (System.nanoTime() - startNanos) / 1e9);
  }

  private static boolean startsWithRdb(Path path) throws IOException {
    try (InputStream in = Files.newInputStream(path)) {
      return new String(in.readNBytes(5), StandardCharsets.US_ASCII).equals("REDIS");
    }
  }

  /** Files of this AOF (by name) in {@code dir}: a manifest that went missing would lose them. */
  private static boolean hasAofFiles(Path dir, String prefix) throws IOException {
    if (!Files.isDirectory(dir)) {
      return false;
    }
    try (Stream<Path> s = Files.list(dir)) {
      return s.map(p -> p.getFileName().toString())
          .anyMatch(n -> n.startsWith(prefix + ".") && (n.endsWith(".aof") || n.endsWith(".rdb")));
    }
  }

  /** Replays one file of commands; returns how many ran. */
  private static long replay(Path path, String name, boolean last, ExecContext ctx,
      Function<String, CommandHandler> commands, boolean loadTruncated) throws AofException, IOException {
    long count = 0;
    long validUpTo = 0;
    long beforeMulti = -1;
    List<byte[][]> queued = null;
    int[] db = {0};
    long now = System.currentTimeMillis();
    try (InputStream in = new BufferedInputStream(Files.newInputStream(path), 1 << 16)) {
      AofCommands reader = new AofCommands(in, 0);
      while (true) {
        byte[][] argv;
        try {
          argv = reader.next();
        } catch (AofCommands.Truncated t) {
          truncated(path, name, last, loadTruncated, queued != null ? beforeMulti : validUpTo);
          return count;
        } catch (AofCommands.BadFormat b) {
          throw new AofException("Bad file format reading the append only file " + name
              + ": make a backup of your AOF file, then use ./redis-check-aof --fix <filename.manifest>");
        }
        if (argv == null) {
          if (queued != null) {
            log.warn("Revert incomplete MULTI/EXEC transaction in AOF file {}", name);
            truncated(path, name, last, loadTruncated, beforeMulti);
          }
          return count;
        }
        String cmd = new String(argv[0], StandardCharsets.US_ASCII).toLowerCase(Locale.ROOT);
        if (cmd.equals("multi")) {
          beforeMulti = validUpTo;
          queued = new ArrayList<>();
        } else if (cmd.equals("exec") && queued != null) {
          for (byte[][] q : queued) {
            count += run(q, name, ctx, commands, db, now);
          }
          queued = null;
        } else if (queued != null) {
          queued.add(argv);
        } else {
          count += run(argv, name, ctx, commands, db, now);
        }
        if (queued == null) {
          validUpTo = reader.offset();
        }
      }
    }
  }

  private static int run(byte[][] argv, String file, ExecContext ctx, Function<String, CommandHandler> commands,
      int[] db, long now) throws AofException {
    String cmd = new String(argv[0], StandardCharsets.US_ASCII).toLowerCase(Locale.ROOT);
    if (cmd.equals("select") && argv.length == 2) {
      try {
        db[0] = Integer.parseInt(new String(argv[1], StandardCharsets.US_ASCII));
      } catch (NumberFormatException e) {
        throw new AofException("Bad file format reading the append only file " + file
            + ": make a backup of your AOF file, then use ./redis-check-aof --fix <filename.manifest>");
      }
      if (db[0] < 0 || db[0] >= ctx.databases()) {
        throw new AofException("FATAL: Data file was created with a Redis server configured to handle more "
            + "than " + ctx.databases() + " databases. Exiting");
      }
      return 1;
    }
    CommandHandler h = commands.apply(cmd);
    if (h == null) {
      throw new AofException("Unknown command '" + new String(argv[0], StandardCharsets.UTF_8)
          + "' reading the append only file " + file);
    }
    ctx.reset(db[0], now);
    try {
      h.execute(ctx, argv);
    } catch (CommandException e) {
      // A command that fails on replay fails as it did when it ran: nothing to apply.
    }
    ctx.endCommand();
    return 1;
  }

  /** uxeof: cut a torn tail off the last file when allowed, else fail as Redis does. */
  private static void truncated(Path path, String name, boolean last, boolean loadTruncated, long validUpTo)
      throws AofException, IOException {
    if (loadTruncated && last) {
      log.warn("!!! Warning: short read while loading the AOF file {}!!!", name);
      log.warn("!!! Truncating the AOF {} at offset {} !!!", name, validUpTo);
      try (RandomAccessFile f = new RandomAccessFile(path.toFile(), "rw")) {
        f.setLength(validUpTo);
        f.getFD().sync();
      }
      log.warn("AOF {} loaded anyway because aof-load-truncated is enabled", name);
      return;
    }
    if (loadTruncated) {
      throw new AofException("Fatal error: the truncated file is not the last file");
    }
    throw new AofException("Unexpected end of file reading the append only file " + name + ". You can: "
        + "1) Make a backup of your AOF file, then use ./redis-check-aof --fix <filename.manifest>. "
        + "2) Alternatively you can set the 'aof-load-truncated' configuration option to yes and restart the "
        + "server.");
  }
}

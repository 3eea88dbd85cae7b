package io.troupe.persistence.rdb;

import io.troupe.config.ServerConfig;
import io.troupe.keyspace.Database;
import io.troupe.keyspace.Entry;
import io.troupe.keyspace.KeySlot;
import io.troupe.keyspace.Keyspace;
import io.troupe.keyspace.Lfu;
import io.troupe.keyspace.SlotMap;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Whole RDB files of a node (Redis's rdbSave and rdbLoad): the node's
 * keyspaces written to {@code dir/dbfilename} through a temp file that is
 * fsynced and renamed into place, and a file loaded into the keyspaces with
 * each key routed by its slot to the shard that owns it.
 *
 * <p>The caller guarantees nothing else touches the keyspaces meanwhile (the
 * coordinator holding every shard, or start-up before the shards run).
 */
public final class RdbFiles {
  private static final Logger log = LoggerFactory.getLogger("troupe");

  private RdbFiles() {}

  /** What a load found: keys loaded and keys skipped as already expired. */
  public record Loaded(long keysLoaded, long keysExpired) {}

  /** The file the configuration names: dir/dbfilename. */
  public static Path file(ServerConfig config) {
    return Path.of(config.getString("dir"), config.getString("dbfilename"));
  }

  /**
   * rdbSave: writes every keyspace to dir/dbfilename atomically. Failures are
   * logged in Redis's words and rethrown.
   */
  public static void save(List<Keyspace> keyspaces, ServerConfig config, long nowMillis) throws IOException {
    Path dir = Path.of(config.getString("dir"));
    Path target = dir.resolve(config.getString("dbfilename"));
    String tempName = "temp-" + ProcessHandle.current().pid() + ".rdb";
    Path temp = dir.resolve(tempName);
    FileChannel ch;
    try {
      ch = FileChannel.open(temp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
          StandardOpenOption.TRUNCATE_EXISTING);
    } catch (IOException e) {
      log.warn("Failed opening the temp RDB file {} (in server root dir {}) for saving: {}", tempName, dir,
          reason(e));
      throw e;
    }
    try {
      try (ch) {
        OutputStream out = new BufferedOutputStream(Channels.newOutputStream(ch), 1 << 16);
        write(out, keyspaces, config, nowMillis);
        out.flush();
        ch.force(true);
      }
      Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      log.warn("Write error saving DB on disk: {}", reason(e));
      try {
        Files.deleteIfExists(temp);
      } catch (IOException ignored) {
        // the write error is what matters
      }
      throw e;
    }
    log.info("DB saved on disk");
  }

  /** The RDB stream of {@code keyspaces}: every database, merged across shards. */
  public static void write(OutputStream out, List<Keyspace> keyspaces, ServerConfig config, long nowMillis)
      throws IOException {
    String policy = config.getString("maxmemory-policy");
    boolean saveLru = policy.endsWith("-lru");
    boolean saveLfu = policy.endsWith("-lfu");
    long decay = config.getLong("lfu-decay-time");
    long used = 0;
    for (Keyspace ks : keyspaces) {
      used += ks.usedMemory();
    }
    RdbWriter w = new RdbWriter(out, config.getBool("rdbcompression"), config.getBool("rdbchecksum"));
    w.writeHeader(RdbWriter.defaultAux(nowMillis, used));
    int databases = keyspaces.isEmpty() ? 0 : keyspaces.get(0).databases();
    for (int db = 0; db < databases; db++) {
      long size = 0;
      long expires = 0;
      for (Keyspace ks : keyspaces) {
        size += ks.db(db).size();
        expires += ks.db(db).volatileCount();
      }
      if (size == 0) {
        continue;
      }
      w.selectDb(db, size, expires);
      IOException[] failed = new IOException[1];
      for (Keyspace ks : keyspaces) {
        ks.db(db).forEach(e -> {
          if (failed[0] != null) {
            return;
          }
          long idle = saveLru ? Math.max(0, nowMillis / 1000 - e.lru()) : -1;
          int freq = saveLfu ? Lfu.decayed(e.lru(), nowMillis, decay) : -1;
          try {
            w.writeEntry(e.key(), e.value(), e.hasExpiry() ? e.expireAt() : -1, idle, freq);
          } catch (IOException ex) {
            failed[0] = ex;
          }
        });
        if (failed[0] != null) {
          throw failed[0];
        }
      }
    }
    w.finish();
  }

  /**
   * rdbLoad at start-up: loads dir/dbfilename into empty keyspaces, logging as
   * Redis does. Returns null when there is no file. Keys already expired are
   * skipped (as a master does). Throws RdbException for a file that cannot be
   * loaded; the keyspaces are then in an undefined state.
   */
  public static Loaded loadAtStartup(List<Keyspace> keyspaces, SlotMap slots, ServerConfig config)
      throws IOException, RdbException {
    Path file = file(config);
    long start = System.nanoTime();
    InputStream in;
    try {
      in = Files.newInputStream(file);
    } catch (NoSuchFileException e) {
      return null;
    }
    Loaded loaded;
    try (InputStream buffered = new BufferedInputStream(in, 1 << 16)) {
      loaded = load(buffered, keyspaces, slots, config, System.currentTimeMillis(), true);
    }
    log.info("Done loading RDB, keys loaded: {}, keys expired: {}.", loaded.keysLoaded(), loaded.keysExpired());
    log.info("DB loaded from disk: {} seconds",
        String.format(Locale.ROOT, "%.3f", (System.nanoTime() - start) / 1e9));
    return loaded;
  }

  /** Loads an RDB stream into {@code keyspaces} (which should be empty); {@code logAux} logs the header lines. */
  public static Loaded load(InputStream in, List<Keyspace> keyspaces, SlotMap slots, ServerConfig config,
      long nowMillis, boolean logAux) throws IOException, RdbException {
    return load(in, keyspaces, slots, config, nowMillis, logAux, false);
  }

  /**
   * As {@link #load(InputStream, List, SlotMap, ServerConfig, long, boolean)};
   * {@code keepExpired}: keys already expired are loaded too (a replica
   * loading its master's RDB keeps them until the master's DEL).
   */
  public static Loaded load(InputStream in, List<Keyspace> keyspaces, SlotMap slots, ServerConfig config,
      long nowMillis, boolean logAux, boolean keepExpired) throws IOException, RdbException {
    String policy = config.getString("maxmemory-policy");
    boolean lfu = policy.endsWith("-lfu");
    int databases = keyspaces.get(0).databases();
    long[] counts = new long[2];
    RdbReader reader = new RdbReader(ValueLimits.from(config), config.getBool("rdbchecksum"));
    reader.read(in, new RdbReader.Visitor() {
      @Override
      public void onAux(byte[] key, byte[] value) {
        if (!logAux) {
          return;
        }
        String k = new String(key, StandardCharsets.UTF_8);
        String v = new String(value, StandardCharsets.UTF_8);
        switch (k) {
          case "redis-ver" -> log.info("Loading RDB produced by version {}", v);
          case "ctime" -> {
            try {
              long age = nowMillis / 1000 - Long.parseLong(v);
              log.info("RDB age {} seconds", Math.max(0, age));
            } catch (NumberFormatException ignored) {
              // Redis reads it with strtol: a bad number is just not logged usefully
            }
          }
          case "used-mem" -> {
            try {
              log.info("RDB memory usage when created {} Mb",
                  String.format(Locale.ROOT, "%.2f", Long.parseLong(v) / (1024.0 * 1024)));
            } catch (NumberFormatException ignored) {
              // as above
            }
          }
          default -> {
            // other aux fields carry nothing Troupe uses
          }
        }
      }

      @Override
      public void onSelectDb(int db) throws RdbException {
        if (db >= databases) {
          throw new RdbException("FATAL: Data file was created with a Redis server configured to handle more "
              + "than " + databases + " databases. Exiting");
        }
      }

      @Override
      public void onEntry(int db, byte[] key, Object value, long expireAtMs, long lruIdle, int lfuFreq)
          throws RdbException {
        if (expireAtMs != -1 && expireAtMs < nowMillis && !keepExpired) {
          counts[1]++;
          return;
        }
        int slot = KeySlot.slot(key);
        Database d = keyspaces.get(slots.shardOf(slot)).db(db);
        if (d.get(key, slot) != null) {
          throw new RdbException("Duplicate key '" + new String(key, StandardCharsets.UTF_8)
              + "' found in RDB file");
        }
        Entry e = d.insert(key, slot, value);
        if (expireAtMs != -1) {
          d.setExpire(e, expireAtMs);
        }
        if (lfu) {
          int counter = lfuFreq >= 0 ? lfuFreq : Lfu.INIT_VAL;
          e.setLru(((Lfu.minutes(nowMillis) & 0xffff) << 8) | counter);
        } else {
          long at = nowMillis / 1000 - Math.max(0, lruIdle);
          e.setLru((int) Math.max(Integer.MIN_VALUE, at));
        }
        counts[0]++;
      }
    });
    return new Loaded(counts[0], counts[1]);
  }

  /** Loads {@code file} into keyspaces emptied first (DEBUG RELOAD). */
  public static Loaded reload(Path file, List<Keyspace> keyspaces, SlotMap slots, ServerConfig config)
      throws IOException, RdbException {
    for (Keyspace ks : keyspaces) {
      for (int db = 0; db < ks.databases(); db++) {
        ks.db(db).clear();
      }
    }
    try (InputStream in = new BufferedInputStream(Files.newInputStream(file), 1 << 16)) {
      return load(in, keyspaces, slots, config, System.currentTimeMillis(), true);
    }
  }

  /** An I/O failure as strerror would put it, where Java knows. */
  static String reason(IOException e) {
    if (e instanceof NoSuchFileException) {
      return "No such file or directory";
    }
    if (e instanceof java.nio.file.AccessDeniedException) {
      return "Permission denied";
    }
    String m = e.getMessage();
    return m == null ? e.getClass().getSimpleName() : m;
  }
}

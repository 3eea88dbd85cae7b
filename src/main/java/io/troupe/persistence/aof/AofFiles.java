package io.troupe.persistence.aof;

import io.troupe.config.ServerConfig;
import io.troupe.keyspace.Keyspace;
import io.troupe.persistence.rdb.RdbFiles;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The AOF directory on disk (Redis 7's multi-part layout): where it is, the
 * manifest's atomic replacement, writing a base file, and the files set up
 * at start-up (aofOpenIfNeededOnServerStart).
 */
public final class AofFiles {
  private static final Logger log = LoggerFactory.getLogger("troupe");

  private AofFiles() {}

  /** dir/appenddirname. */
  public static Path dir(ServerConfig config) {
    return Path.of(config.getString("dir"), config.getString("appenddirname"));
  }

  public static String prefix(ServerConfig config) {
    return config.getString("appendfilename");
  }

  /** The manifest on disk, or null when there is none. */
  public static AofManifest readManifest(ServerConfig config) throws IOException, AofException {
    Path p = dir(config).resolve(AofManifest.manifestName(prefix(config)));
    if (!Files.exists(p)) {
      return null;
    }
    return AofManifest.parse(Files.readAllBytes(p));
  }

  /** Replaces the manifest atomically: a temp file, fsync, rename, fsync of the directory. */
  public static void writeManifest(Path dir, String prefix, AofManifest m) throws IOException {
    Path temp = dir.resolve("temp-" + AofManifest.manifestName(prefix));
    try (FileChannel ch = FileChannel.open(temp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
        StandardOpenOption.TRUNCATE_EXISTING)) {
      ch.write(ByteBuffer.wrap(m.format().getBytes(StandardCharsets.UTF_8)));
      ch.force(true);
    }
    Files.move(temp, dir.resolve(AofManifest.manifestName(prefix)), StandardCopyOption.REPLACE_EXISTING,
        StandardCopyOption.ATOMIC_MOVE);
    fsyncDir(dir);
  }

  static void fsyncDir(Path dir) {
    try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
      ch.force(true);
    } catch (IOException e) {
      // not every platform can open a directory; the rename itself is atomic
    }
  }

  /**
   * Writes {@code keyspaces} as an RDB (the base with aof-use-rdb-preamble) to
   * {@code file}, fsynced. Used at start-up and by a rewrite.
   */
  public static void writeBase(Path file, List<Keyspace> keyspaces, ServerConfig config) throws IOException {
    try (FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
        StandardOpenOption.TRUNCATE_EXISTING)) {
      OutputStream out = new BufferedOutputStream(Channels.newOutputStream(ch), 1 << 16);
      RdbFiles.write(out, keyspaces, config, System.currentTimeMillis());
      out.flush();
      ch.force(true);
    }
  }

  /**
   * aofOpenIfNeededOnServerStart: with appendonly on, makes sure the
   * directory has a manifest with a base and an incr file to append to (a
   * fresh server writes its, possibly empty, dataset as the base). Returns
   * the manifest the writer continues.
   */
  public static AofManifest prepareOnStart(ServerConfig config, List<Keyspace> keyspaces)
      throws IOException, AofException {
    Path dir = dir(config);
    String prefix = prefix(config);
    Files.createDirectories(dir);
    AofManifest m = readManifest(config);
    AofManifest.AofFile base = m == null ? null : m.base();
    List<AofManifest.AofFile> history = m == null ? List.of() : m.history();
    List<AofManifest.AofFile> incrs = m == null ? List.of() : m.incrs();
    boolean changed = false;
    if (base == null && incrs.isEmpty()) {
      String name = AofManifest.baseName(prefix, 1, true);
      writeBase(dir.resolve(name), keyspaces, config);
      base = new AofManifest.AofFile(name, 1, AofManifest.Type.BASE);
      log.info("Creating AOF base file {} on server start", name);
      changed = true;
    }
    if (incrs.isEmpty()) {
      long seq = 1;
      String name = AofManifest.incrName(prefix, seq);
      Files.write(dir.resolve(name), new byte[0]);
      incrs = List.of(new AofManifest.AofFile(name, seq, AofManifest.Type.INCR));
      log.info("Creating AOF incr file {} on server start", name);
      changed = true;
    } else {
      log.info("Opening AOF incr file {} on server start", incrs.get(incrs.size() - 1).name());
    }
    AofManifest out = new AofManifest(base, history, incrs);
    if (changed) {
      writeManifest(dir, prefix, out);
    }
    return out;
  }
}

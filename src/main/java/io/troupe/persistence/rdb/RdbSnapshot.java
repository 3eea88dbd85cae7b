package io.troupe.persistence.rdb;

import io.troupe.config.ServerConfig;
import io.troupe.keyspace.Entry;
import io.troupe.keyspace.Lfu;
import io.troupe.keyspace.SlotTable;
import io.troupe.keyspace.SnapshotSink;
import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A point-in-time snapshot of the node as one RDB stream, built without
 * stopping the shards (Redis's rdbSaveRio in a forked child, without the
 * fork). Give each shard its {@link #sink}, mark the point with
 * {@link io.troupe.keyspace.Keyspace#beginSnapshot} while every shard is held,
 * and the shards encode their keys between their other work (see
 * {@code keyspace/KeyspaceSnapshot}); when the last shard's part is complete,
 * {@code whenComplete} runs (on that shard's thread: hand the file work to
 * another thread). {@link #writeTo} then writes the whole stream: header and
 * aux fields, per database SELECTDB and RESIZEDB followed by every shard's
 * keys of that database, EOF and CRC-64.
 *
 * <p>Each shard encodes into its own per-database buffers (1 MB chunks on the
 * heap, so a snapshot costs about its file's size in memory while it runs);
 * no file I/O happens on a shard thread. One snapshot, one use.
 */
public final class RdbSnapshot {
  private static final int CHUNK = 1 << 20;

  private final ServerConfig config;
  private final long nowMillis;
  private final long usedMemory;
  private final boolean compression;
  private final boolean saveLru;
  private final boolean saveLfu;
  private final long lfuDecay;
  private final Part[] parts;
  private final AtomicInteger pending;
  private final AtomicLong progress;
  private final Runnable whenComplete;

  /**
   * {@code shards} parts; {@code nowMillis} is the snapshot point (ctime,
   * LRU idle times), {@code usedMemory} the aux used-mem; {@code progress}
   * counts keys as they are encoded (current_save_keys_processed).
   */
  public RdbSnapshot(ServerConfig config, int shards, long nowMillis, long usedMemory, AtomicLong progress,
      Runnable whenComplete) {
    this.config = config;
    this.nowMillis = nowMillis;
    this.usedMemory = usedMemory;
    this.compression = config.getBool("rdbcompression");
    String policy = config.getString("maxmemory-policy");
    this.saveLru = policy.endsWith("-lru");
    this.saveLfu = policy.endsWith("-lfu");
    this.lfuDecay = config.getLong("lfu-decay-time");
    this.parts = new Part[shards];
    for (int i = 0; i < shards; i++) {
      parts[i] = new Part();
    }
    this.pending = new AtomicInteger(shards);
    this.progress = progress;
    this.whenComplete = whenComplete;
  }

  /** The sink of shard {@code shard}'s part. */
  public SnapshotSink sink(int shard) {
    return parts[shard];
  }

  /** The first encoding failure of any part, or null. */
  public IOException failure() {
    for (Part p : parts) {
      if (p.failure != null) {
        return p.failure;
      }
    }
    return null;
  }

  /** Keys in the snapshot (every database of every shard). */
  public long keys() {
    long n = 0;
    for (Part p : parts) {
      for (long k : p.keys) {
        n += k;
      }
    }
    return n;
  }

  /**
   * The whole RDB stream into {@code out} (flushed, not closed); call once,
   * after {@code whenComplete}. The parts' memory is released as it is written.
   */
  public void writeTo(OutputStream out) throws IOException {
    IOException failed = failure();
    if (failed != null) {
      throw failed;
    }
    RdbWriter w = new RdbWriter(out, compression, config.getBool("rdbchecksum"));
    w.writeHeader(RdbWriter.defaultAux(nowMillis, usedMemory));
    int databases = parts.length == 0 ? 0 : parts[0].keys.length;
    for (int db = 0; db < databases; db++) {
      long size = 0;
      long expires = 0;
      for (Part p : parts) {
        size += p.keys[db];
        expires += p.expires[db];
      }
      if (size == 0) {
        continue;
      }
      w.selectDb(db, size, expires);
      for (Part p : parts) {
        Chunks c = p.chunks[db];
        if (c != null) {
          c.copyTo(w);
        }
      }
    }
    w.finish();
  }

  /** One shard's part: per database, its keys encoded in chunks. */
  private final class Part implements SnapshotSink {
    long[] keys = new long[0];
    long[] expires = new long[0];
    Chunks[] chunks = new Chunks[0];
    RdbWriter[] writers = new RdbWriter[0];
    volatile IOException failure;

    @Override
    public void begin(long[] keys, long[] expires) {
      this.keys = keys.clone();
      this.expires = expires.clone();
      this.chunks = new Chunks[keys.length];
      this.writers = new RdbWriter[keys.length];
    }

    @Override
    public void slot(int db, int slot, SlotTable table) {
      RdbWriter w = writers[db];
      if (w == null) {
        chunks[db] = new Chunks();
        w = writers[db] = RdbWriter.part(chunks[db], compression);
      }
      RdbWriter out = w;
      table.forEach(e -> {
        if (failure == null) {
          try {
            writeEntry(out, e);
          } catch (IOException | RuntimeException ex) {
            failure = ex instanceof IOException io ? io : new IOException(ex.toString(), ex);
          }
        }
      });
      progress.addAndGet(table.size());
    }

    private void writeEntry(RdbWriter w, Entry e) throws IOException {
      long idle = saveLru ? Math.max(0, nowMillis / 1000 - e.lru()) : -1;
      int freq = saveLfu ? Lfu.decayed(e.lru(), nowMillis, lfuDecay) : -1;
      w.writeEntry(e.key(), e.value(), e.hasExpiry() ? e.expireAt() : -1, idle, freq);
    }

    @Override
    public boolean failed() {
      return failure != null;
    }

    @Override
    public void end() {
      for (RdbWriter w : writers) {
        if (w != null) {
          try {
            w.flush();
          } catch (IOException ex) {
            failure = ex; // Chunks never throws; kept for form
          }
        }
      }
      writers = null;
      if (pending.decrementAndGet() == 0) {
        whenComplete.run();
      }
    }
  }

  /** Bytes in 1 MB chunks: an OutputStream that never blocks and never fails. */
  private static final class Chunks extends OutputStream {
    private final List<byte[]> full = new ArrayList<>();
    private byte[] current = new byte[64 * 1024];
    private int pos;

    @Override
    public void write(int b) {
      write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] b, int off, int len) {
      while (len > 0) {
        if (pos == current.length) {
          if (current.length < CHUNK) {
            current = java.util.Arrays.copyOf(current, Math.min(CHUNK, current.length * 4));
          } else {
            full.add(current);
            current = new byte[CHUNK];
            pos = 0;
          }
        }
        int n = Math.min(len, current.length - pos);
        System.arraycopy(b, off, current, pos, n);
        pos += n;
        off += n;
        len -= n;
      }
    }

    void copyTo(RdbWriter w) throws IOException {
      for (int i = 0; i < full.size(); i++) {
        w.writeEncoded(full.get(i), 0, CHUNK);
        full.set(i, null);
      }
      w.writeEncoded(current, 0, pos);
      current = null;
    }
  }
}

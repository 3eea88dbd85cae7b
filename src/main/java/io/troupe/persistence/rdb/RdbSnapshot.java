package io.troupe.persistence.rdb;

import io.troupe.config.ServerConfig;
import io.troupe.keyspace.Entry;
import io.troupe.keyspace.Lfu;
import io.troupe.keyspace.SlotTable;
import io.troupe.keyspace.SnapshotSink;
import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A point-in-time snapshot of the node as one RDB stream, built without
 * stopping the shards (Redis's rdbSaveRio in a forked child, without the
 * fork). Give each shard its {@link #sink}, mark the point with
 * {@link io.troupe.keyspace.Keyspace#beginSnapshot} while every shard is held,
 * then call {@link #writeTo} on a thread of your own (a file, a socket): the
 * shards encode their keys between their other work (see
 * {@code keyspace/KeyspaceSnapshot}) into chunks that {@link #writeTo}
 * writes as they come: header and aux fields, per database SELECTDB and
 * RESIZEDB (the counts of the point) followed by every shard's keys of that
 * database, EOF and CRC-64.
 *
 * <p>Chunks of the database being written stream straight through (and their
 * buffers are reused), so a snapshot of one database holds little on the
 * heap; chunks of a later database (a shard ahead of another, a write that
 * copied a later slot first) wait on the heap for their turn. No file or
 * socket I/O happens on a shard thread. One snapshot, one use.
 */
public final class RdbSnapshot {
  private static final int CHUNK = 256 * 1024;

  private record Chunk(int db, byte[] bytes, int len) {}

  /** Shard {@code shard} will send nothing more for database {@code db}. */
  private record DbDone(int db) {}

  private final ServerConfig config;
  private final long nowMillis;
  private final long usedMemory;
  private final boolean compression;
  private final boolean saveLru;
  private final boolean saveLfu;
  private final long lfuDecay;
  private final Part[] parts;
  private final AtomicLong progress;
  private final LinkedBlockingQueue<Object> queue = new LinkedBlockingQueue<>();
  private final ConcurrentLinkedQueue<byte[]> free = new ConcurrentLinkedQueue<>();
  private volatile IOException failure;

  /**
   * {@code shards} parts; {@code nowMillis} is the snapshot point (ctime,
   * LRU idle times), {@code usedMemory} the aux used-mem; {@code progress}
   * counts keys as they are encoded (current_save_keys_processed).
   */
  public RdbSnapshot(ServerConfig config, int shards, long nowMillis, long usedMemory, AtomicLong progress) {
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
    this.progress = progress;
  }

  /** The sink of shard {@code shard}'s part. */
  public SnapshotSink sink(int shard) {
    return parts[shard];
  }

  /**
   * Gives up (the consumer failed): the shards stop encoding at their next
   * step and {@link #writeTo} throws {@code why}.
   */
  public void abort(IOException why) {
    if (failure == null) {
      failure = why;
    }
  }

  /**
   * Writes the whole RDB stream into {@code out} (flushed, not closed) as
   * the shards encode it; returns when the last key is written. Call once,
   * after the snapshot point, on a thread that may block.
   */
  public void writeTo(OutputStream out) throws IOException {
    try {
      RdbWriter w = new RdbWriter(out, compression, config.getBool("rdbchecksum"));
      w.writeHeader(RdbWriter.defaultAux(nowMillis, usedMemory));
      int databases = parts.length == 0 ? 0 : parts[0].keys.length;
      int[] done = new int[databases];
      Map<Integer, List<Chunk>> later = new HashMap<>();
      for (int db = 0; db < databases; db++) {
        long size = 0;
        long expires = 0;
        for (Part p : parts) {
          size += p.keys[db];
          expires += p.expires[db];
        }
        if (size > 0) {
          w.selectDb(db, size, expires);
        }
        List<Chunk> waiting = later.remove(db);
        if (waiting != null) {
          for (Chunk c : waiting) {
            write(w, c);
          }
        }
        while (done[db] < parts.length) {
          Object m = next();
          if (m instanceof Chunk c) {
            if (c.db() == db) {
              write(w, c);
            } else {
              later.computeIfAbsent(c.db(), d -> new ArrayList<>()).add(c);
            }
          } else if (m instanceof DbDone d) {
            done[d.db()]++;
          }
        }
      }
      w.finish();
    } catch (IOException e) {
      abort(e);
      throw e;
    }
  }

  private Object next() throws IOException {
    while (true) {
      IOException f = failure;
      if (f != null) {
        throw f;
      }
      try {
        Object m = queue.poll(100, TimeUnit.MILLISECONDS);
        if (m != null) {
          return m;
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IOException("snapshot interrupted", e);
      }
    }
  }

  private void write(RdbWriter w, Chunk c) throws IOException {
    w.writeEncoded(c.bytes(), 0, c.len());
    if (c.bytes().length == CHUNK) {
      free.add(c.bytes());
    }
  }

  /** One shard's part: per database, a key writer whose bytes go out in chunks. */
  private final class Part implements SnapshotSink {
    long[] keys = new long[0];
    long[] expires = new long[0];
    private Chunks[] chunks = new Chunks[0];
    private RdbWriter[] writers = new RdbWriter[0];
    private boolean[] finished = new boolean[0];

    @Override
    public void begin(long[] keys, long[] expires) {
      this.keys = keys.clone();
      this.expires = expires.clone();
      this.chunks = new Chunks[keys.length];
      this.writers = new RdbWriter[keys.length];
      this.finished = new boolean[keys.length];
    }

    @Override
    public void slot(int db, int slot, SlotTable table) {
      RdbWriter w = writers[db];
      if (w == null) {
        chunks[db] = new Chunks(db);
        w = writers[db] = RdbWriter.part(chunks[db], compression);
      }
      RdbWriter out = w;
      table.forEach(e -> {
        if (failure == null) {
          try {
            writeEntry(out, e);
          } catch (IOException | RuntimeException ex) {
            abort(ex instanceof IOException io ? io : new IOException("encoding failed: " + ex, ex));
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
    public void dbDone(int db) {
      if (finished[db]) {
        return;
      }
      finished[db] = true;
      if (writers[db] != null) {
        try {
          writers[db].flush();
        } catch (IOException ex) {
          abort(ex); // Chunks never throws
        }
        chunks[db].send();
        writers[db] = null;
        chunks[db] = null;
      }
      queue.add(new DbDone(db));
    }

    @Override
    public void end() {
      for (int db = 0; db < finished.length; db++) {
        dbDone(db);
      }
    }
  }

  /** An OutputStream of one (shard, database) that hands full chunks to the writer; never blocks or fails. */
  private final class Chunks extends OutputStream {
    private final int db;
    private byte[] current;
    private int pos;

    Chunks(int db) {
      this.db = db;
    }

    @Override
    public void write(int b) {
      write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] b, int off, int len) {
      while (len > 0) {
        if (current == null) {
          byte[] reused = free.poll();
          current = reused != null ? reused : new byte[CHUNK];
        }
        int n = Math.min(len, CHUNK - pos);
        System.arraycopy(b, off, current, pos, n);
        pos += n;
        off += n;
        len -= n;
        if (pos == CHUNK) {
          send();
        }
      }
    }

    void send() {
      if (current != null && pos > 0) {
        queue.add(new Chunk(db, current, pos));
      }
      current = null;
      pos = 0;
    }
  }
}

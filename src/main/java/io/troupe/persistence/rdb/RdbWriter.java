package io.troupe.persistence.rdb;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Writes an RDB file of version 10 as Redis 7.0 lays it out (rdbSaveRio):
 * "REDIS0010", aux fields, then per non-empty database SELECTDB and RESIZEDB
 * followed by its keys (each with EXPIRETIME_MS, IDLE or FREQ before it when
 * given), then EOF and the CRC-64 of everything before (0 with
 * {@code rdbchecksum no}). Values take the plain encodings of {@link RdbValues}.
 *
 * <p>Use: {@link #writeHeader}, then {@link #selectDb} and {@link #writeEntry}
 * per database, then {@link #finish}; or {@link #write} with an iteration of
 * databases.
 */
public final class RdbWriter {
  /** The version Troupe says it is in redis-ver (the Redis release whose format and replies it follows). */
  public static final String REDIS_VER = "7.0.15";

  /** One key to write: expiry in unix ms or -1; LRU idle seconds and LFU frequency or -1. */
  public record Item(byte[] key, Object value, long expireAtMs, long lruIdleSeconds, int lfuFreq) {}

  /** One database to write: its index, its key and volatile-key counts (RESIZEDB) and its keys. */
  public record Db(int index, long size, long expires, Iterable<Item> items) {}

  private final RdbOutput out;
  private final boolean checksum;

  /** {@code compression} is rdbcompression; {@code checksum} is rdbchecksum. */
  public RdbWriter(OutputStream stream, boolean compression, boolean checksum) {
    this.out = new RdbOutput(stream, compression);
    this.checksum = checksum;
  }

  /** A writer of keys only, for a part of a file whose whole stream keeps the CRC ({@link RdbSnapshot}). */
  static RdbWriter part(OutputStream stream, boolean compression) {
    return new RdbWriter(new RdbOutput(stream, compression, false));
  }

  private RdbWriter(RdbOutput out) {
    this.out = out;
    this.checksum = false;
  }

  /** Bytes already encoded as RDB (keys written by {@link #part} writers), copied as they are. */
  public void writeEncoded(byte[] b, int off, int len) throws IOException {
    out.writeBytes(b, off, len);
  }

  /** Pushes buffered bytes to the stream. */
  void flush() throws IOException {
    out.flush();
  }

  /** The aux fields Redis 7.0 writes: redis-ver, redis-bits, ctime, used-mem, aof-base. */
  public static Map<String, String> defaultAux(long nowMillis, long usedMemory) {
    Map<String, String> aux = new LinkedHashMap<>();
    aux.put("redis-ver", REDIS_VER);
    aux.put("redis-bits", "64");
    aux.put("ctime", Long.toString(nowMillis / 1000));
    aux.put("used-mem", Long.toString(usedMemory));
    aux.put("aof-base", "0");
    return aux;
  }

  /** The magic, the version and the aux fields in order. */
  public void writeHeader(Map<String, String> aux) throws IOException {
    out.writeBytes(("REDIS" + String.format("%04d", Rdb.VERSION)).getBytes(StandardCharsets.US_ASCII));
    for (Map.Entry<String, String> e : aux.entrySet()) {
      out.writeU8(Rdb.OPCODE_AUX);
      out.writeString(e.getKey().getBytes(StandardCharsets.UTF_8));
      out.writeString(e.getValue().getBytes(StandardCharsets.UTF_8));
    }
  }

  /** SELECTDB and RESIZEDB. */
  public void selectDb(int db, long size, long expires) throws IOException {
    out.writeU8(Rdb.OPCODE_SELECTDB);
    out.writeLen(db);
    out.writeU8(Rdb.OPCODE_RESIZEDB);
    out.writeLen(size);
    out.writeLen(expires);
  }

  /** One key: its expiry/idle/freq opcodes (when not -1), type, key and value. */
  public void writeEntry(byte[] key, Object value, long expireAtMs, long lruIdleSeconds, int lfuFreq)
      throws IOException {
    if (expireAtMs != -1) {
      out.writeU8(Rdb.OPCODE_EXPIRETIME_MS);
      out.writeLE(expireAtMs, 8);
    }
    if (lruIdleSeconds != -1) {
      out.writeU8(Rdb.OPCODE_IDLE);
      out.writeLen(lruIdleSeconds);
    }
    if (lfuFreq != -1) {
      out.writeU8(Rdb.OPCODE_FREQ);
      out.writeU8(lfuFreq);
    }
    out.writeU8(RdbValues.typeOf(value));
    out.writeString(key);
    RdbValues.write(out, value);
  }

  /** EOF and the checksum; flushes the stream (the caller closes it). */
  public void finish() throws IOException {
    out.writeU8(Rdb.OPCODE_EOF);
    long crc = out.crc();
    out.writeLE(checksum ? crc : 0, 8);
    out.flush();
  }

  /** Bytes written so far. */
  public long size() {
    return out.size();
  }

  /** A whole file: header with {@code aux}, every non-empty database, EOF and checksum. */
  public void write(Map<String, String> aux, Iterable<Db> dbs) throws IOException {
    writeHeader(aux);
    for (Db db : dbs) {
      if (db.size() == 0) {
        continue;
      }
      selectDb(db.index(), db.size(), db.expires());
      for (Item it : db.items()) {
        writeEntry(it.key(), it.value(), it.expireAtMs(), it.lruIdleSeconds(), it.lfuFreq());
      }
    }
    finish();
  }
}

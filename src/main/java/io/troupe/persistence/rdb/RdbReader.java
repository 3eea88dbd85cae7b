package io.troupe.persistence.rdb;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Streams an RDB file (versions 1 to 10, everything Redis 7.0 writes) into a
 * {@link Visitor}: aux fields, SELECTDB, RESIZEDB, one call per key with its
 * value already built as a Troupe value, and the end. The CRC-64 trailer is
 * verified unless it is zero (Redis writes 0 with {@code rdbchecksum no}) or
 * verification is off. Corresponds to Redis's rdbLoadRioWithLoadingCtx.
 *
 * <p>Keys are reported with their expiry whatever it is: dropping keys that
 * are already expired (as a master does when loading) is the visitor's call.
 */
public final class RdbReader {
  private static final Logger log = LoggerFactory.getLogger(RdbReader.class);
  private static final byte[] MAGIC = "REDIS".getBytes(StandardCharsets.US_ASCII);

  /** What the reader reports, in file order. */
  public interface Visitor {
    default void onAux(byte[] key, byte[] value) throws RdbException {}

    default void onSelectDb(int db) throws RdbException {}

    default void onResizeDb(long dbSize, long expiresSize) throws RdbException {}

    /**
     * One key. {@code expireAtMs} is unix milliseconds or -1; {@code lruIdleSeconds}
     * (OPCODE_IDLE) and {@code lfuFreq} (OPCODE_FREQ) are -1 when the file has none.
     */
    void onEntry(int db, byte[] key, Object value, long expireAtMs, long lruIdleSeconds, int lfuFreq)
        throws RdbException;

    /** A function library (FUNCTION2); Troupe has no scripting, so by default it is skipped with a warning. */
    default void onFunction(byte[] code) throws RdbException {
      log.warn("Skipping a function library of {} bytes in the RDB file: Troupe has no scripting", code.length);
    }

    /** The end of the file; {@code checksum} is the trailer (0 when absent or disabled). */
    default void onEnd(long checksum) throws RdbException {}
  }

  private final ValueLimits limits;
  private final boolean verifyChecksum;

  /** A reader building values with {@code limits}; {@code verifyChecksum} is rdbchecksum. */
  public RdbReader(ValueLimits limits, boolean verifyChecksum) {
    this.limits = limits;
    this.verifyChecksum = verifyChecksum;
  }

  /** Reads a whole file; returns its RDB version. */
  public int read(InputStream stream, Visitor v) throws IOException, RdbException {
    RdbInput in = new RdbInput(stream);
    byte[] header = new byte[9];
    try {
      in.readFully(header, 0, 9);
    } catch (RdbException e) {
      throw new RdbException("Wrong signature trying to load DB from file");
    }
    for (int i = 0; i < MAGIC.length; i++) {
      if (header[i] != MAGIC[i]) {
        throw new RdbException("Wrong signature trying to load DB from file");
      }
    }
    int version = 0;
    for (int i = 5; i < 9; i++) {
      if (header[i] < '0' || header[i] > '9') {
        throw new RdbException("Wrong signature trying to load DB from file");
      }
      version = version * 10 + (header[i] - '0');
    }
    if (version < 1 || version > Rdb.VERSION) {
      throw new RdbException("Can't handle RDB format version " + version);
    }
    int db = 0;
    long expireAt = -1;
    long idle = -1;
    int freq = -1;
    while (true) {
      int op = in.readU8();
      switch (op) {
        case Rdb.OPCODE_EXPIRETIME:
          expireAt = in.readLE(4) * 1000;
          continue;
        case Rdb.OPCODE_EXPIRETIME_MS:
          expireAt = in.readLE(8);
          continue;
        case Rdb.OPCODE_FREQ:
          freq = in.readU8();
          continue;
        case Rdb.OPCODE_IDLE:
          idle = in.readLen();
          continue;
        case Rdb.OPCODE_EOF:
          break;
        case Rdb.OPCODE_SELECTDB: {
          long n = in.readLen();
          if (n > Integer.MAX_VALUE) {
            throw new RdbException("FATAL: Data file was created with a Redis server configured to handle "
                + "more than " + Integer.MAX_VALUE + " databases");
          }
          db = (int) n;
          v.onSelectDb(db);
          continue;
        }
        case Rdb.OPCODE_RESIZEDB:
          v.onResizeDb(in.readLen(), in.readLen());
          continue;
        case Rdb.OPCODE_AUX:
          v.onAux(in.readString(), in.readString());
          continue;
        case Rdb.OPCODE_MODULE_AUX:
          throw new RdbException("Can't load module auxiliary data: Troupe has no modules");
        case Rdb.OPCODE_FUNCTION_PRE_GA:
          throw new RdbException("Pre-release function format not supported.");
        case Rdb.OPCODE_FUNCTION2:
          v.onFunction(in.readString());
          continue;
        default: {
          long at = in.offset() - 1;
          byte[] key = in.readString();
          Object value;
          try {
            value = RdbValues.read(in, op, limits);
          } catch (RdbException e) {
            throw new RdbException(e.getMessage() + " (key '" + new String(key, StandardCharsets.UTF_8)
                + "' at offset " + at + ")");
          }
          if (value != null) {
            v.onEntry(db, key, value, expireAt, idle, freq);
          }
          expireAt = -1;
          idle = -1;
          freq = -1;
          continue;
        }
      }
      break;
    }
    long checksum = 0;
    if (version >= 5) {
      long computed = in.crc();
      checksum = in.readLE(8);
      if (verifyChecksum && checksum != 0 && checksum != computed) {
        throw new RdbException(String.format("Wrong RDB checksum expected: (%x) but got (%x). Aborting now.",
            computed, checksum));
      }
    }
    v.onEnd(checksum);
    return version;
  }
}

package io.troupe.type.hll;

import java.util.Arrays;

/**
 * A HyperLogLog in Redis's exact byte layout, so that the string a PFADD
 * leaves behind is the one Redis would leave (GET, DUMP/RESTORE and
 * replication move it as a plain string):
 *
 * <pre>
 *   "HYLL" | encoding (0 dense, 1 sparse) | 3 unused bytes | 8-byte cached cardinality (LE;
 *   the top bit of the last byte set = cache invalid) | registers
 * </pre>
 *
 * <p>16384 registers (14 index bits of the 64-bit hash, 50 bits left for the
 * run of zeroes). Dense registers are 6 bits each, packed from the least
 * significant bit of each byte (12288 bytes). The sparse form is a run-length
 * code of three opcodes: ZERO {@code 00xxxxxx} (1..64 zero registers), XZERO
 * {@code 01xxxxxx yyyyyyyy} (1..16384 zero registers), VAL {@code 1vvvvvxx}
 * (1..4 registers of value 1..32). A sparse HLL becomes dense when a register
 * needs a value above 32 or when the sparse string would grow beyond
 * {@code hll-sparse-max-bytes}. Edits follow Redis's in-place algorithm step
 * by step (split the opcode covering the register, then merge adjacent VAL
 * opcodes in a window of five starting at the previous opcode) so the bytes
 * come out identical.
 *
 * <p>An instance is a private working copy of a value: commands copy the
 * stored string, edit the copy and store it back ({@link #toBytes()}), as
 * stored strings are never mutated. Corresponds to Redis's hyperloglog.c
 * data-structure half; the cardinality estimator is Otmar Ertl's
 * (arXiv:1702.01284), as Redis 5+ uses.
 */
public final class HyperLogLog {
  public static final int P = 14;
  public static final int Q = 64 - P;
  public static final int REGISTERS = 1 << P;
  public static final int BITS = 6;
  public static final int REGISTER_MAX = (1 << BITS) - 1;
  public static final int HDR_SIZE = 16;
  public static final int DENSE_SIZE = HDR_SIZE + (REGISTERS * BITS + 7) / 8;
  public static final int DENSE = 0;
  public static final int SPARSE = 1;
  /** Murmur seed Redis hashes elements with. */
  static final long SEED = 0xadc83b19L;

  private static final int SPARSE_VAL_MAX_VALUE = 32;
  private static final int SPARSE_VAL_MAX_LEN = 4;
  private static final int SPARSE_ZERO_MAX_LEN = 64;
  private static final int SPARSE_XZERO_MAX_LEN = 16384;
  private static final double ALPHA_INF = 0.721347520444481703680; // 0.5/ln(2)
  private static final int CARD_OFFSET = 8;

  /** The bytes; {@code buf.length} may exceed {@link #len} (room to grow, as an sds). */
  private byte[] buf;
  private int len;

  private HyperLogLog(byte[] buf, int len) {
    this.buf = buf;
    this.len = len;
  }

  /** A new, empty HLL: sparse, all registers in one XZERO opcode, cached cardinality 0. */
  public static HyperLogLog create() {
    int sparseLen = HDR_SIZE + ((REGISTERS + SPARSE_XZERO_MAX_LEN - 1) / SPARSE_XZERO_MAX_LEN) * 2;
    byte[] b = new byte[sparseLen];
    b[0] = 'H';
    b[1] = 'Y';
    b[2] = 'L';
    b[3] = 'L';
    b[4] = SPARSE;
    int p = HDR_SIZE;
    for (int left = REGISTERS; left > 0; ) {
      int run = Math.min(SPARSE_XZERO_MAX_LEN, left);
      setXzero(b, p, run);
      p += 2;
      left -= run;
    }
    return new HyperLogLog(b, sparseLen);
  }

  /** A working copy of a stored value that {@link #isValid} accepted. */
  public static HyperLogLog copyOf(byte[] value) {
    return new HyperLogLog(value.clone(), value.length);
  }

  /**
   * isHLLObjectOrReply's checks: long enough for the header, magic "HYLL", a
   * known encoding, and a dense string of exactly the dense size. (A sparse
   * body is only checked when it is read.)
   */
  public static boolean isValid(byte[] v) {
    if (v.length < HDR_SIZE) {
      return false;
    }
    if (v[0] != 'H' || v[1] != 'Y' || v[2] != 'L' || v[3] != 'L') {
      return false;
    }
    int enc = v[4] & 0xff;
    if (enc > SPARSE) {
      return false;
    }
    return enc != DENSE || v.length == DENSE_SIZE;
  }

  /** The value to store. */
  public byte[] toBytes() {
    return buf.length == len ? buf : Arrays.copyOf(buf, len);
  }

  public int encoding() {
    return buf[4] & 0xff;
  }

  public int length() {
    return len;
  }

  // ---- cached cardinality ---------------------------------------------------------------

  public boolean cacheValid() {
    return (buf[CARD_OFFSET + 7] & 0x80) == 0;
  }

  public void invalidateCache() {
    buf[CARD_OFFSET + 7] |= (byte) 0x80;
  }

  /** The cached cardinality (little-endian, as Redis writes it). */
  public long cachedCardinality() {
    long card = 0;
    for (int i = 7; i >= 0; i--) {
      card = (card << 8) | (buf[CARD_OFFSET + i] & 0xff);
    }
    return card;
  }

  public void setCachedCardinality(long card) {
    for (int i = 0; i < 8; i++) {
      buf[CARD_OFFSET + i] = (byte) (card >>> (8 * i));
    }
  }

  // ---- hashing ----------------------------------------------------------------------------

  /** MurmurHash64A over {@code data}, reading 8-byte blocks little-endian as Redis does on any CPU. */
  static long murmurHash64A(byte[] data, long seed) {
    final long m = 0xc6a4a7935bd1e995L;
    final int r = 47;
    int n = data.length;
    long h = seed ^ (n * m);
    int blocks = n - (n & 7);
    for (int i = 0; i < blocks; i += 8) {
      long k = (data[i] & 0xffL)
          | (data[i + 1] & 0xffL) << 8
          | (data[i + 2] & 0xffL) << 16
          | (data[i + 3] & 0xffL) << 24
          | (data[i + 4] & 0xffL) << 32
          | (data[i + 5] & 0xffL) << 40
          | (data[i + 6] & 0xffL) << 48
          | (data[i + 7] & 0xffL) << 56;
      k *= m;
      k ^= k >>> r;
      k *= m;
      h ^= k;
      h *= m;
    }
    int tail = n & 7;
    if (tail > 0) {
      for (int i = tail - 1; i >= 0; i--) {
        h ^= (data[blocks + i] & 0xffL) << (8 * i);
      }
      h *= m;
    }
    h ^= h >>> r;
    h *= m;
    h ^= h >>> r;
    return h;
  }

  /** The register an element hashes to. */
  static int registerIndex(long hash) {
    return (int) (hash & (REGISTERS - 1));
  }

  /** The length of the "000..1" pattern of the hash's top 50 bits (1..51). */
  static int patternLength(long hash) {
    long rest = (hash >>> P) | (1L << Q);
    return Long.numberOfTrailingZeros(rest) + 1;
  }

  // ---- adding -----------------------------------------------------------------------------

  /**
   * hllAdd: adds an element. Returns 1 when a register changed (the estimate
   * may have changed), 0 when not, -1 when the representation is corrupted.
   */
  public int add(byte[] element, long sparseMaxBytes) {
    long hash = murmurHash64A(element, SEED);
    return set(registerIndex(hash), patternLength(hash), sparseMaxBytes);
  }

  /** Raises register {@code index} to {@code count}: 1 when changed, 0 when not, -1 when corrupted. */
  public int set(int index, int count, long sparseMaxBytes) {
    return switch (encoding()) {
      case DENSE -> denseSet(buf, HDR_SIZE, index, count);
      case SPARSE -> sparseSet(index, count, sparseMaxBytes);
      default -> -1;
    };
  }

  static int denseGet(byte[] b, int base, int reg) {
    int bit = reg * BITS;
    int at = base + bit / 8;
    int fb = bit & 7;
    int b0 = b[at] & 0xff;
    int b1 = at + 1 < b.length ? b[at + 1] & 0xff : 0;
    return ((b0 >> fb) | (b1 << (8 - fb))) & REGISTER_MAX;
  }

  static void denseWrite(byte[] b, int base, int reg, int val) {
    int bit = reg * BITS;
    int at = base + bit / 8;
    int fb = bit & 7;
    int fb8 = 8 - fb;
    b[at] = (byte) ((b[at] & ~(REGISTER_MAX << fb)) | (val << fb));
    if (at + 1 < b.length) {
      b[at + 1] = (byte) ((b[at + 1] & ~(REGISTER_MAX >> fb8)) | (val >> fb8));
    }
  }

  private static int denseSet(byte[] b, int base, int reg, int count) {
    if (count > denseGet(b, base, reg)) {
      denseWrite(b, base, reg, count);
      return 1;
    }
    return 0;
  }

  private static boolean isZero(int op) {
    return (op & 0xc0) == 0;
  }

  private static boolean isXzero(int op) {
    return (op & 0xc0) == 0x40;
  }

  private static boolean isVal(int op) {
    return (op & 0x80) != 0;
  }

  private static int valValue(int op) {
    return ((op >> 2) & 0x1f) + 1;
  }

  private static int valLen(int op) {
    return (op & 0x3) + 1;
  }

  private static byte val(int value, int runLen) {
    return (byte) (0x80 | ((value - 1) << 2) | (runLen - 1));
  }

  private static void setXzero(byte[] b, int at, int runLen) {
    int l = runLen - 1;
    b[at] = (byte) (0x40 | (l >> 8));
    b[at + 1] = (byte) l;
  }

  private int byteAt(int i) {
    return i < len ? buf[i] & 0xff : 0;
  }

  private int xzeroLen(int p) {
    return (((buf[p] & 0x3f) << 8) | byteAt(p + 1)) + 1;
  }

  /** hllSparseSet: the in-place sparse update, promoting to dense when needed. */
  private int sparseSet(int index, int count, long sparseMaxBytes) {
    if (count > SPARSE_VAL_MAX_VALUE) {
      return promoteAndSet(index, count);
    }
    if (buf.length < len + 3) {
      buf = Arrays.copyOf(buf, Math.max(len + 3, Math.min(len * 2, len + 1024)));
    }
    // Step 1: find the opcode covering the register.
    int p = HDR_SIZE;
    int end = len;
    int first = 0;
    int prev = -1;
    int span = 0;
    while (p < end) {
      int op = buf[p] & 0xff;
      int opLen = 1;
      if (isZero(op)) {
        span = (op & 0x3f) + 1;
      } else if (isVal(op)) {
        span = valLen(op);
      } else {
        span = xzeroLen(p);
        opLen = 2;
      }
      if (index <= first + span - 1) {
        break;
      }
      prev = p;
      p += opLen;
      first += span;
    }
    if (span == 0 || p >= end) {
      return -1;
    }
    int op = buf[p] & 0xff;
    int next = isXzero(op) ? p + 2 : p + 1;
    if (next >= end) {
      next = -1;
    }
    boolean zero = isZero(op);
    boolean xzero = isXzero(op);
    boolean isValOp = !zero && !xzero;
    int runLen = zero ? (op & 0x3f) + 1 : xzero ? xzeroLen(p) : valLen(op);

    boolean updatedInPlace = false;
    if (isValOp) {
      if (valValue(op) >= count) {
        return 0;
      }
      if (runLen == 1) {
        buf[p] = val(count, 1);
        updatedInPlace = true;
      }
    }
    if (!updatedInPlace && zero && runLen == 1) {
      buf[p] = val(count, 1);
      updatedInPlace = true;
    }
    if (!updatedInPlace) {
      // Step 2: split the opcode into at most three (at most 5 bytes).
      byte[] seq = new byte[5];
      int n = 0;
      int last = first + span - 1;
      if (zero || xzero) {
        if (index != first) {
          n = putZeros(seq, n, index - first);
        }
        seq[n++] = val(count, 1);
        if (index != last) {
          n = putZeros(seq, n, last - index);
        }
      } else {
        int current = valValue(op);
        if (index != first) {
          seq[n++] = val(current, index - first);
        }
        seq[n++] = val(count, 1);
        if (index != last) {
          seq[n++] = val(current, last - index);
        }
      }
      // Step 3: substitute the sequence for the old opcode.
      int oldLen = xzero ? 2 : 1;
      int delta = n - oldLen;
      if (delta > 0 && len + delta > sparseMaxBytes) {
        return promoteAndSet(index, count);
      }
      if (delta != 0 && next >= 0) {
        System.arraycopy(buf, next, buf, next + delta, end - next);
      }
      len += delta;
      System.arraycopy(seq, 0, buf, p, n);
      end += delta;
    }
    // Step 4: merge adjacent VAL opcodes of equal value, scanning up to 5 opcodes from prev.
    p = prev >= 0 ? prev : HDR_SIZE;
    int scan = 5;
    while (p < end && scan-- > 0) {
      int o = buf[p] & 0xff;
      if (isXzero(o)) {
        p += 2;
        continue;
      }
      if (isZero(o)) {
        p++;
        continue;
      }
      if (p + 1 < end && isVal(buf[p + 1] & 0xff)) {
        int v1 = valValue(o);
        int v2 = valValue(buf[p + 1] & 0xff);
        if (v1 == v2) {
          int merged = valLen(o) + valLen(buf[p + 1] & 0xff);
          if (merged <= SPARSE_VAL_MAX_LEN) {
            buf[p + 1] = val(v1, merged);
            System.arraycopy(buf, p + 1, buf, p, end - p - 1);
            len--;
            end--;
            continue;
          }
        }
      }
      p++;
    }
    invalidateCache();
    return 1;
  }

  private static int putZeros(byte[] seq, int n, int run) {
    if (run > SPARSE_ZERO_MAX_LEN) {
      setXzero(seq, n, run);
      return n + 2;
    }
    seq[n] = (byte) (run - 1);
    return n + 1;
  }

  private int promoteAndSet(int index, int count) {
    if (!toDense()) {
      return -1;
    }
    return denseSet(buf, HDR_SIZE, index, count);
  }

  /**
   * hllSparseToDense: converts to the dense form, keeping the header (and so
   * the cached cardinality). False, leaving this unchanged, when the sparse
   * body is corrupted (does not cover exactly 16384 registers).
   */
  public boolean toDense() {
    if (encoding() == DENSE) {
      return true;
    }
    byte[] dense = new byte[DENSE_SIZE];
    System.arraycopy(buf, 0, dense, 0, HDR_SIZE);
    dense[4] = DENSE;
    int idx = 0;
    int p = HDR_SIZE;
    while (p < len) {
      int op = buf[p] & 0xff;
      if (isZero(op)) {
        idx += (op & 0x3f) + 1;
        p++;
      } else if (isXzero(op)) {
        idx += xzeroLen(p);
        p += 2;
      } else {
        int run = valLen(op);
        int value = valValue(op);
        if (run + idx > REGISTERS) {
          return false; // a VAL run past the last register: corrupted
        }
        while (run-- > 0) {
          denseWrite(dense, HDR_SIZE, idx++, value);
        }
        p++;
      }
    }
    if (idx != REGISTERS) {
      return false;
    }
    buf = dense;
    len = DENSE_SIZE;
    return true;
  }

  // ---- counting and merging ---------------------------------------------------------------

  /**
   * hllCount over this HLL's registers; -1 when the sparse body is corrupted.
   * Does not touch the cache.
   */
  public long count() {
    int[] histo = new int[64];
    if (encoding() == DENSE) {
      for (int i = 0; i < REGISTERS; i++) {
        histo[denseGet(buf, HDR_SIZE, i)]++;
      }
    } else {
      int idx = 0;
      int p = HDR_SIZE;
      while (p < len) {
        int op = buf[p] & 0xff;
        if (isZero(op)) {
          int run = (op & 0x3f) + 1;
          idx += run;
          histo[0] += run;
          p++;
        } else if (isXzero(op)) {
          int run = xzeroLen(p);
          idx += run;
          histo[0] += run;
          p += 2;
        } else {
          int run = valLen(op);
          idx += run;
          histo[valValue(op)] += run;
          p++;
        }
      }
      if (idx != REGISTERS) {
        return -1;
      }
    }
    return estimate(histo);
  }

  /** The estimate for raw registers, one byte each (PFCOUNT of several keys). */
  public static long countRaw(byte[] registers) {
    int[] histo = new int[64];
    for (int i = 0; i < REGISTERS; i++) {
      histo[registers[i] & 63]++;
    }
    return estimate(histo);
  }

  /** Ertl's improved estimator from the register histogram (Redis's hllCount). */
  static long estimate(int[] histo) {
    double m = REGISTERS;
    double z = m * tau((m - histo[Q + 1]) / m);
    for (int j = Q; j >= 1; --j) {
      z += histo[j];
      z *= 0.5;
    }
    z += m * sigma(histo[0] / m);
    return Math.round(ALPHA_INF * m * m / z);
  }

  static double sigma(double x) {
    if (x == 1.0) {
      return Double.POSITIVE_INFINITY;
    }
    double y = 1;
    double z = x;
    double prev;
    do {
      x *= x;
      prev = z;
      z += x * y;
      y += y;
    } while (prev != z);
    return z;
  }

  static double tau(double x) {
    if (x == 0.0 || x == 1.0) {
      return 0.0;
    }
    double y = 1.0;
    double z = 1 - x;
    double prev;
    do {
      x = Math.sqrt(x);
      prev = z;
      y *= 0.5;
      z -= Math.pow(1 - x, 2) * y;
    } while (prev != z);
    return z / 3;
  }

  /**
   * hllMerge: raises {@code max[i]} to the value of register i of the stored
   * HLL {@code value} (validated with {@link #isValid}). False when its sparse
   * body is corrupted.
   */
  public static boolean mergeInto(byte[] max, byte[] value) {
    if ((value[4] & 0xff) == DENSE) {
      for (int i = 0; i < REGISTERS; i++) {
        int v = denseGet(value, HDR_SIZE, i);
        if (v > max[i]) {
          max[i] = (byte) v;
        }
      }
      return true;
    }
    int i = 0;
    int p = HDR_SIZE;
    int n = value.length;
    while (p < n) {
      int op = value[p] & 0xff;
      if (isZero(op)) {
        i += (op & 0x3f) + 1;
        p++;
      } else if (isXzero(op)) {
        int lo = p + 1 < n ? value[p + 1] & 0xff : 0;
        i += (((op & 0x3f) << 8) | lo) + 1;
        p += 2;
      } else {
        int run = valLen(op);
        int v = valValue(op);
        if (run + i > REGISTERS) {
          return false; // a VAL run past the last register: corrupted
        }
        while (run-- > 0) {
          if (v > max[i]) {
            max[i] = (byte) v;
          }
          i++;
        }
        p++;
      }
    }
    return i == REGISTERS;
  }

  /** The value of register {@code reg} (tests and debugging); -1 when corrupted. */
  public int register(int reg) {
    if (encoding() == DENSE) {
      return denseGet(buf, HDR_SIZE, reg);
    }
    byte[] max = new byte[REGISTERS];
    return mergeInto(max, toBytes()) ? max[reg] : -1;
  }
}

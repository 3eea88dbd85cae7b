package io.troupe.persistence.rdb;

import java.util.ArrayList;
import java.util.List;

/**
 * Parsers for the packed encodings Redis stores inside RDB strings: listpack,
 * ziplist, intset and zipmap. Each returns the entries as byte strings
 * (integers as their decimal text), checking every bound so that a corrupt
 * blob is an {@link RdbException}, never an out-of-bounds read. Also the
 * listpack writer used for list nodes. Formats as described by Redis's
 * listpack.md, ziplist.c, intset.c and zipmap.c headers.
 */
final class Blobs {
  private Blobs() {}

  private static RdbException bad(String what) {
    return new RdbException("Corrupt " + what + " in RDB");
  }

  private static long le(byte[] b, int at, int n) {
    long v = 0;
    for (int i = 0; i < n; i++) {
      v |= (long) (b[at + i] & 0xff) << (8 * i);
    }
    return v;
  }

  private static byte[] text(long v) {
    return RdbInput.ascii(Long.toString(v));
  }

  private static byte[] slice(byte[] b, int from, long len, String what) throws RdbException {
    if (len < 0 || from + len > b.length) {
      throw bad(what);
    }
    return java.util.Arrays.copyOfRange(b, from, (int) (from + len));
  }

  // ---- listpack -----------------------------------------------------------------------------

  /** The entries of a listpack: 4-byte total, 2-byte count, entries with back-lengths, 0xFF. */
  static List<byte[]> listpack(byte[] lp) throws RdbException {
    String what = "listpack";
    if (lp.length < 7 || le(lp, 0, 4) != lp.length || (lp[lp.length - 1] & 0xff) != 0xff) {
      throw bad(what);
    }
    int declared = (int) le(lp, 4, 2);
    List<byte[]> out = new ArrayList<>(declared == 0xffff ? 16 : declared);
    int p = 6;
    while (true) {
      if (p >= lp.length) {
        throw bad(what);
      }
      int b = lp[p] & 0xff;
      if (b == 0xff) {
        break;
      }
      int headerAndData;
      byte[] value;
      if ((b & 0x80) == 0) {
        value = text(b);
        headerAndData = 1;
      } else if ((b & 0xc0) == 0x80) {
        int len = b & 0x3f;
        value = slice(lp, p + 1, len, what);
        headerAndData = 1 + len;
      } else if ((b & 0xe0) == 0xc0) {
        need(lp, p, 2, what);
        int v = ((b & 0x1f) << 8) | (lp[p + 1] & 0xff);
        value = text(v >= 1 << 12 ? v - (1 << 13) : v);
        headerAndData = 2;
      } else if ((b & 0xf0) == 0xe0) {
        need(lp, p, 2, what);
        int len = ((b & 0x0f) << 8) | (lp[p + 1] & 0xff);
        value = slice(lp, p + 2, len, what);
        headerAndData = 2 + len;
      } else {
        switch (b) {
          case 0xf0: {
            need(lp, p, 5, what);
            long len = le(lp, p + 1, 4);
            value = slice(lp, p + 5, len, what);
            headerAndData = (int) (5 + len);
            break;
          }
          case 0xf1: need(lp, p, 3, what); value = text((short) le(lp, p + 1, 2)); headerAndData = 3; break;
          case 0xf2: {
            need(lp, p, 4, what);
            long v = le(lp, p + 1, 3);
            value = text(v >= 1 << 23 ? v - (1 << 24) : v);
            headerAndData = 4;
            break;
          }
          case 0xf3: need(lp, p, 5, what); value = text((int) le(lp, p + 1, 4)); headerAndData = 5; break;
          case 0xf4: need(lp, p, 9, what); value = text(le(lp, p + 1, 8)); headerAndData = 9; break;
          default: throw bad(what);
        }
      }
      out.add(value);
      p += headerAndData + backlenSize(headerAndData);
    }
    if (p != lp.length - 1 || (declared != 0xffff && declared != out.size())) {
      throw bad(what);
    }
    return out;
  }

  private static void need(byte[] b, int p, int n, String what) throws RdbException {
    if (p + n > b.length) {
      throw bad(what);
    }
  }

  private static int backlenSize(long l) {
    if (l <= 127) {
      return 1;
    } else if (l < 16383) {
      return 2;
    } else if (l < 2097151) {
      return 3;
    } else if (l < 268435455) {
      return 4;
    }
    return 5;
  }

  /** Builds listpacks entry by entry (list nodes of QUICKLIST_2). */
  static final class ListpackBuilder {
    private byte[] b = new byte[256];
    private int len = 6;
    private int count;

    int bytes() {
      return len + 1;
    }

    int count() {
      return count;
    }

    private void ensure(int more) {
      if (len + more + 1 > b.length) {
        b = java.util.Arrays.copyOf(b, Math.max(b.length * 2, len + more + 1));
      }
    }

    /** The bytes {@code s} will take in a listpack (header, data, back-length). */
    static int entrySize(byte[] s) {
      int hd = headerAndDataSize(s);
      return hd + backlenSize(hd);
    }

    private static int headerAndDataSize(byte[] s) {
      Long v = s.length <= 20 ? io.troupe.keyspace.Args.toLong(s) : null;
      if (v != null) {
        long x = v;
        if (x >= 0 && x <= 127) {
          return 1;
        } else if (x >= -4096 && x <= 4095) {
          return 2;
        } else if (x >= Short.MIN_VALUE && x <= Short.MAX_VALUE) {
          return 3;
        } else if (x >= -(1 << 23) && x < (1 << 23)) {
          return 4;
        } else if (x >= Integer.MIN_VALUE && x <= Integer.MAX_VALUE) {
          return 5;
        }
        return 9;
      }
      return s.length < 64 ? 1 + s.length : s.length < 4096 ? 2 + s.length : 5 + s.length;
    }

    void add(byte[] s) {
      int hd = headerAndDataSize(s);
      ensure(hd + 5);
      int start = len;
      Long v = s.length <= 20 ? io.troupe.keyspace.Args.toLong(s) : null;
      if (v != null) {
        long x = v;
        switch (hd) {
          case 1: b[len++] = (byte) x; break;
          case 2: b[len++] = (byte) (0xc0 | ((x >> 8) & 0x1f)); b[len++] = (byte) x; break;
          case 3: b[len++] = (byte) 0xf1; putLE(x, 2); break;
          case 4: b[len++] = (byte) 0xf2; putLE(x, 3); break;
          case 5: b[len++] = (byte) 0xf3; putLE(x, 4); break;
          default: b[len++] = (byte) 0xf4; putLE(x, 8); break;
        }
      } else {
        if (s.length < 64) {
          b[len++] = (byte) (0x80 | s.length);
        } else if (s.length < 4096) {
          b[len++] = (byte) (0xe0 | (s.length >> 8));
          b[len++] = (byte) s.length;
        } else {
          b[len++] = (byte) 0xf0;
          putLE(s.length, 4);
        }
        System.arraycopy(s, 0, b, len, s.length);
        len += s.length;
      }
      int l = len - start;
      // The back-length: 7 bits per byte, most significant first, every byte but the first flagged.
      int n = backlenSize(l);
      for (int i = n - 1; i >= 0; i--) {
        int bits = (int) ((l >>> (7 * i)) & 127);
        b[len++] = (byte) (i == n - 1 ? bits : bits | 128);
      }
      count++;
    }

    private void putLE(long v, int n) {
      for (int i = 0; i < n; i++) {
        b[len++] = (byte) (v >>> (8 * i));
      }
    }

    byte[] build() {
      byte[] out = java.util.Arrays.copyOf(b, len + 1);
      out[len] = (byte) 0xff;
      long total = out.length;
      for (int i = 0; i < 4; i++) {
        out[i] = (byte) (total >>> (8 * i));
      }
      int c = Math.min(count, 0xffff);
      out[4] = (byte) c;
      out[5] = (byte) (c >> 8);
      return out;
    }
  }

  // ---- ziplist --------------------------------------------------------------------------------

  /** The entries of a ziplist: zlbytes, zltail, zllen, entries (prevlen, encoding, data), 0xFF. */
  static List<byte[]> ziplist(byte[] zl) throws RdbException {
    String what = "ziplist";
    if (zl.length < 11 || le(zl, 0, 4) != zl.length || (zl[zl.length - 1] & 0xff) != 0xff) {
      throw bad(what);
    }
    int declared = (int) le(zl, 8, 2);
    List<byte[]> out = new ArrayList<>(declared == 0xffff ? 16 : declared);
    int p = 10;
    while (true) {
      need(zl, p, 1, what);
      if ((zl[p] & 0xff) == 0xff) {
        break;
      }
      p += (zl[p] & 0xff) == 0xfe ? 5 : 1; // prevlen
      need(zl, p, 1, what);
      int b = zl[p] & 0xff;
      switch (b >> 6) {
        case 0: {
          int len = b & 0x3f;
          out.add(slice(zl, p + 1, len, what));
          p += 1 + len;
          continue;
        }
        case 1: {
          need(zl, p, 2, what);
          int len = ((b & 0x3f) << 8) | (zl[p + 1] & 0xff);
          out.add(slice(zl, p + 2, len, what));
          p += 2 + len;
          continue;
        }
        case 2: {
          need(zl, p, 5, what);
          long len = ((long) (zl[p + 1] & 0xff) << 24) | ((zl[p + 2] & 0xff) << 16)
              | ((zl[p + 3] & 0xff) << 8) | (zl[p + 4] & 0xff);
          out.add(slice(zl, p + 5, len, what));
          p += (int) (5 + len);
          continue;
        }
        default:
          break;
      }
      switch (b) {
        case 0xc0: need(zl, p, 3, what); out.add(text((short) le(zl, p + 1, 2))); p += 3; break;
        case 0xd0: need(zl, p, 5, what); out.add(text((int) le(zl, p + 1, 4))); p += 5; break;
        case 0xe0: need(zl, p, 9, what); out.add(text(le(zl, p + 1, 8))); p += 9; break;
        case 0xf0: {
          need(zl, p, 4, what);
          long v = le(zl, p + 1, 3);
          out.add(text(v >= 1 << 23 ? v - (1 << 24) : v));
          p += 4;
          break;
        }
        case 0xfe: need(zl, p, 2, what); out.add(text(zl[p + 1])); p += 2; break;
        default:
          if (b >= 0xf1 && b <= 0xfd) {
            out.add(text((b & 0x0f) - 1));
            p += 1;
            break;
          }
          throw bad(what);
      }
    }
    if (p != zl.length - 1 || (declared != 0xffff && declared != out.size())) {
      throw bad(what);
    }
    return out;
  }

  // ---- intset ---------------------------------------------------------------------------------

  /** The members of an intset: encoding (2/4/8), length, little-endian integers. */
  static List<byte[]> intset(byte[] is) throws RdbException {
    String what = "intset";
    if (is.length < 8) {
      throw bad(what);
    }
    int width = (int) le(is, 0, 4);
    long n = le(is, 4, 4);
    if ((width != 2 && width != 4 && width != 8) || 8 + n * width != is.length) {
      throw bad(what);
    }
    List<byte[]> out = new ArrayList<>((int) n);
    for (int i = 0; i < n; i++) {
      long v = le(is, 8 + i * width, width);
      if (width == 2) {
        v = (short) v;
      } else if (width == 4) {
        v = (int) v;
      }
      out.add(text(v));
    }
    return out;
  }

  // ---- zipmap ---------------------------------------------------------------------------------

  /** The fields and values (alternating) of a zipmap, the hash encoding of RDB files before 2.6. */
  static List<byte[]> zipmap(byte[] zm) throws RdbException {
    String what = "zipmap";
    List<byte[]> out = new ArrayList<>();
    int p = 1; // zmlen
    while (true) {
      need(zm, p, 1, what);
      if ((zm[p] & 0xff) == 0xff) {
        break;
      }
      for (int part = 0; part < 2; part++) {
        need(zm, p, 1, what);
        long len = zm[p] & 0xff;
        if (len == 254) {
          need(zm, p, 5, what);
          len = le(zm, p + 1, 4);
          p += 5;
        } else if (len == 255) {
          throw bad(what);
        } else {
          p += 1;
        }
        int free = 0;
        if (part == 1) {
          need(zm, p, 1, what);
          free = zm[p] & 0xff;
          p += 1;
        }
        out.add(slice(zm, p, len, what));
        p += (int) len + free;
      }
    }
    return out;
  }
}

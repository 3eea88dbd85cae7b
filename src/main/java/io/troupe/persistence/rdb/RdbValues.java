package io.troupe.persistence.rdb;

import io.troupe.type.hash.HashType;
import io.troupe.type.list.ListType;
import io.troupe.type.set.SetType;
import io.troupe.type.zset.ZSetType;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * One value in RDB form, both ways (Redis's rdbSaveObject / rdbLoadObject).
 *
 * <p>Writing uses plain encodings: strings (int-encoded or LZF as Redis
 * decides), sets as RDB_TYPE_SET, hashes as RDB_TYPE_HASH, sorted sets as
 * RDB_TYPE_ZSET_2 (binary doubles), and lists as RDB_TYPE_LIST_QUICKLIST_2
 * with PACKED listpack nodes of at most 8 KiB, which is what Redis 7.0
 * itself writes for lists and loads without conversion (one PLAIN node per
 * element would load as a quicklist of single-element nodes).
 *
 * <p>Reading takes every type Redis 7.0 writes or still loads, building
 * Troupe's values through their normal insert paths so the thresholds of
 * {@link ValueLimits} decide their encodings. Streams and module values do not
 * exist in Troupe: loading one fails with an error naming the type. An empty
 * collection (which Redis skips when loading a file) reads as null.
 */
public final class RdbValues {
  /** The most bytes a listpack node written for a list holds (Redis's default fill, -2). */
  static final int LIST_NODE_BYTES = 8192;

  private RdbValues() {}

  /** The RDB type byte {@link #write} uses for {@code value}. */
  public static int typeOf(Object value) {
    if (value instanceof byte[]) {
      return Rdb.TYPE_STRING;
    } else if (value instanceof ListType) {
      return Rdb.TYPE_LIST_QUICKLIST_2;
    } else if (value instanceof SetType) {
      return Rdb.TYPE_SET;
    } else if (value instanceof ZSetType) {
      return Rdb.TYPE_ZSET_2;
    } else if (value instanceof HashType) {
      return Rdb.TYPE_HASH;
    }
    throw new IllegalArgumentException("no RDB form for " + value.getClass().getName());
  }

  /** Writes {@code value} (without its type byte). */
  public static void write(RdbOutput out, Object value) throws IOException {
    if (value instanceof byte[] s) {
      out.writeString(s);
    } else if (value instanceof ListType l) {
      List<byte[]> nodes = new ArrayList<>();
      Blobs.ListpackBuilder lp = new Blobs.ListpackBuilder();
      for (byte[] element : l.elements()) {
        if (lp.count() > 0 && lp.bytes() + Blobs.ListpackBuilder.entrySize(element) > LIST_NODE_BYTES) {
          nodes.add(lp.build());
          lp = new Blobs.ListpackBuilder();
        }
        lp.add(element);
      }
      if (lp.count() > 0) {
        nodes.add(lp.build());
      }
      out.writeLen(nodes.size());
      for (byte[] node : nodes) {
        out.writeLen(Rdb.QUICKLIST_NODE_PACKED);
        out.writeString(node);
      }
    } else if (value instanceof SetType s) {
      out.writeLen(s.size());
      int n = s.size();
      for (int i = 0; i < n; i++) {
        out.writeString(s.memberAt(i));
      }
    } else if (value instanceof ZSetType z) {
      out.writeLen(z.size());
      IOException[] failed = new IOException[1];
      z.forEach((member, score) -> {
        try {
          out.writeString(member);
          out.writeBinaryDouble(score);
          return true;
        } catch (IOException e) {
          failed[0] = e;
          return false;
        }
      });
      if (failed[0] != null) {
        throw failed[0];
      }
    } else if (value instanceof HashType h) {
      out.writeLen(h.size());
      IOException[] failed = new IOException[1];
      h.forEach((field, v) -> {
        if (failed[0] != null) {
          return;
        }
        try {
          out.writeString(field);
          out.writeString(v);
        } catch (IOException e) {
          failed[0] = e;
        }
      });
      if (failed[0] != null) {
        throw failed[0];
      }
    } else {
      throw new IllegalArgumentException("no RDB form for " + value.getClass().getName());
    }
  }

  /**
   * Reads a value of RDB type {@code type}; null for an empty collection.
   * Fails on streams, modules and unknown types.
   */
  public static Object read(RdbInput in, int type, ValueLimits lim) throws IOException, RdbException {
    switch (type) {
      case Rdb.TYPE_STRING:
        return in.readString();
      case Rdb.TYPE_LIST: {
        long n = in.readLen();
        ListType l = new ListType(lim.listFill());
        for (long i = 0; i < n; i++) {
          l.push(in.readString(), false);
        }
        return emptyToNull(l, l.isEmpty());
      }
      case Rdb.TYPE_LIST_ZIPLIST:
        return list(Blobs.ziplist(in.readString()), lim);
      case Rdb.TYPE_LIST_QUICKLIST:
      case Rdb.TYPE_LIST_QUICKLIST_2: {
        long nodes = in.readLen();
        ListType l = new ListType(lim.listFill());
        for (long i = 0; i < nodes; i++) {
          long container = type == Rdb.TYPE_LIST_QUICKLIST_2 ? in.readLen() : Rdb.QUICKLIST_NODE_PACKED;
          byte[] blob = in.readString();
          if (container == Rdb.QUICKLIST_NODE_PLAIN) {
            l.push(blob, false);
          } else if (container == Rdb.QUICKLIST_NODE_PACKED) {
            for (byte[] e : type == Rdb.TYPE_LIST_QUICKLIST ? Blobs.ziplist(blob) : Blobs.listpack(blob)) {
              l.push(e, false);
            }
          } else {
            throw new RdbException("Quicklist integrity check failed: unknown node container " + container);
          }
        }
        return emptyToNull(l, l.isEmpty());
      }
      case Rdb.TYPE_SET: {
        long n = in.readLen();
        SetType s = new SetType();
        for (long i = 0; i < n; i++) {
          addMember(s, in.readString(), lim);
        }
        return emptyToNull(s, s.isEmpty());
      }
      case Rdb.TYPE_SET_INTSET: {
        SetType s = new SetType();
        for (byte[] m : Blobs.intset(in.readString())) {
          addMember(s, m, lim);
        }
        return emptyToNull(s, s.isEmpty());
      }
      case Rdb.TYPE_ZSET:
      case Rdb.TYPE_ZSET_2: {
        long n = in.readLen();
        ZSetType z = null;
        for (long i = 0; i < n; i++) {
          byte[] member = in.readString();
          double score = type == Rdb.TYPE_ZSET ? in.readOldDouble() : in.readBinaryDouble();
          z = addScored(z, member, score, lim);
        }
        return z;
      }
      case Rdb.TYPE_ZSET_ZIPLIST:
      case Rdb.TYPE_ZSET_LISTPACK: {
        byte[] blob = in.readString();
        List<byte[]> e = type == Rdb.TYPE_ZSET_ZIPLIST ? Blobs.ziplist(blob) : Blobs.listpack(blob);
        if (e.size() % 2 != 0) {
          throw new RdbException("Corrupt sorted set: odd number of listpack entries");
        }
        ZSetType z = null;
        for (int i = 0; i < e.size(); i += 2) {
          z = addScored(z, e.get(i), parseScore(e.get(i + 1)), lim);
        }
        return z;
      }
      case Rdb.TYPE_HASH: {
        long n = in.readLen();
        HashType h = new HashType();
        for (long i = 0; i < n; i++) {
          addField(h, in.readString(), in.readString(), lim);
        }
        return emptyToNull(h, h.isEmpty());
      }
      case Rdb.TYPE_HASH_ZIPMAP:
      case Rdb.TYPE_HASH_ZIPLIST:
      case Rdb.TYPE_HASH_LISTPACK: {
        byte[] blob = in.readString();
        List<byte[]> e = type == Rdb.TYPE_HASH_ZIPMAP ? Blobs.zipmap(blob)
            : type == Rdb.TYPE_HASH_ZIPLIST ? Blobs.ziplist(blob) : Blobs.listpack(blob);
        if (e.size() % 2 != 0) {
          throw new RdbException("Corrupt hash: odd number of entries");
        }
        HashType h = new HashType();
        for (int i = 0; i < e.size(); i += 2) {
          addField(h, e.get(i), e.get(i + 1), lim);
        }
        return emptyToNull(h, h.isEmpty());
      }
      case Rdb.TYPE_STREAM_LISTPACKS:
      case Rdb.TYPE_STREAM_LISTPACKS_2:
        throw new RdbException("Can't load a value of type " + Rdb.typeName(type)
            + ": Troupe has no streams");
      case Rdb.TYPE_MODULE_PRE_GA:
      case Rdb.TYPE_MODULE_2:
        throw new RdbException("Can't load a value of type " + Rdb.typeName(type)
            + ": Troupe has no modules");
      default:
        throw new RdbException("Unknown RDB encoding type " + type);
    }
  }

  private static Object emptyToNull(Object value, boolean empty) {
    return empty ? null : value;
  }

  private static ListType list(List<byte[]> elements, ValueLimits lim) {
    ListType l = new ListType(lim.listFill());
    for (byte[] e : elements) {
      l.push(e, false);
    }
    return l.isEmpty() ? null : l;
  }

  private static void addMember(SetType s, byte[] m, ValueLimits lim) throws RdbException {
    if (!s.add(m, lim.setMaxIntsetEntries())) {
      throw new RdbException("Duplicate set members detected");
    }
  }

  private static void addField(HashType h, byte[] f, byte[] v, ValueLimits lim) throws RdbException {
    if (!h.set(f, v, lim.hashMaxEntries(), lim.hashMaxValue())) {
      throw new RdbException("Duplicate hash fields detected");
    }
  }

  private static ZSetType addScored(ZSetType z, byte[] member, double score, ValueLimits lim)
      throws RdbException {
    if (Double.isNaN(score)) {
      throw new RdbException("Zset with NAN score detected");
    }
    if (z == null) {
      z = ZSetType.create(lim.zset(), member.length);
    } else if (z.score(member) != null) {
      throw new RdbException("Duplicate zset fields detected");
    }
    z.insert(member, score, lim.zset());
    return z;
  }

  /** A score stored as listpack/ziplist text ("1.5", "inf", "-inf") or integer. */
  static double parseScore(byte[] s) throws RdbException {
    String t = new String(s, StandardCharsets.US_ASCII);
    switch (t.toLowerCase(java.util.Locale.ROOT)) {
      case "inf":
      case "+inf":
        return Double.POSITIVE_INFINITY;
      case "-inf":
        return Double.NEGATIVE_INFINITY;
      default:
        try {
          return Double.parseDouble(t);
        } catch (NumberFormatException e) {
          throw new RdbException("Invalid sorted set score in RDB: " + t);
        }
    }
  }
}

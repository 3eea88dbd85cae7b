package io.troupe.persistence.rdb;

/**
 * The identifiers of Redis's RDB format (rdb.h of Redis 7.0): value types,
 * opcodes, length and string encodings. Persisted numbers: never renumber
 * them ({@code RdbCodecTest} freezes them).
 */
public final class Rdb {
  private Rdb() {}

  /** The RDB version Redis 7.0 writes, and the newest Troupe reads. */
  public static final int VERSION = 10;

  // ---- value types ------------------------------------------------------------------------
  public static final int TYPE_STRING = 0;
  public static final int TYPE_LIST = 1;
  public static final int TYPE_SET = 2;
  public static final int TYPE_ZSET = 3;
  public static final int TYPE_HASH = 4;
  public static final int TYPE_ZSET_2 = 5;
  public static final int TYPE_MODULE_PRE_GA = 6;
  public static final int TYPE_MODULE_2 = 7;
  public static final int TYPE_HASH_ZIPMAP = 9;
  public static final int TYPE_LIST_ZIPLIST = 10;
  public static final int TYPE_SET_INTSET = 11;
  public static final int TYPE_ZSET_ZIPLIST = 12;
  public static final int TYPE_HASH_ZIPLIST = 13;
  public static final int TYPE_LIST_QUICKLIST = 14;
  public static final int TYPE_STREAM_LISTPACKS = 15;
  public static final int TYPE_HASH_LISTPACK = 16;
  public static final int TYPE_ZSET_LISTPACK = 17;
  public static final int TYPE_LIST_QUICKLIST_2 = 18;
  public static final int TYPE_STREAM_LISTPACKS_2 = 19;

  /** QUICKLIST_2 node containers. */
  public static final int QUICKLIST_NODE_PLAIN = 1;
  public static final int QUICKLIST_NODE_PACKED = 2;

  // ---- opcodes ------------------------------------------------------------------------------
  public static final int OPCODE_FUNCTION2 = 245;
  public static final int OPCODE_FUNCTION_PRE_GA = 246;
  public static final int OPCODE_MODULE_AUX = 247;
  public static final int OPCODE_IDLE = 248;
  public static final int OPCODE_FREQ = 249;
  public static final int OPCODE_AUX = 250;
  public static final int OPCODE_RESIZEDB = 251;
  public static final int OPCODE_EXPIRETIME_MS = 252;
  public static final int OPCODE_EXPIRETIME = 253;
  public static final int OPCODE_SELECTDB = 254;
  public static final int OPCODE_EOF = 255;

  // ---- lengths and string encodings ---------------------------------------------------------
  public static final int LEN_6BIT = 0;
  public static final int LEN_14BIT = 1;
  public static final int LEN_32BIT = 0x80;
  public static final int LEN_64BIT = 0x81;
  public static final int ENCVAL = 3;
  public static final int ENC_INT8 = 0;
  public static final int ENC_INT16 = 1;
  public static final int ENC_INT32 = 2;
  public static final int ENC_LZF = 3;

  /** A readable name for a type byte, for error messages. */
  public static String typeName(int type) {
    switch (type) {
      case TYPE_STRING: return "string";
      case TYPE_LIST: return "list";
      case TYPE_SET: return "set";
      case TYPE_ZSET: return "zset";
      case TYPE_HASH: return "hash";
      case TYPE_ZSET_2: return "zset (ZSET_2)";
      case TYPE_MODULE_PRE_GA: return "module (pre-GA)";
      case TYPE_MODULE_2: return "module (MODULE_2)";
      case TYPE_HASH_ZIPMAP: return "hash (zipmap)";
      case TYPE_LIST_ZIPLIST: return "list (ziplist)";
      case TYPE_SET_INTSET: return "set (intset)";
      case TYPE_ZSET_ZIPLIST: return "zset (ziplist)";
      case TYPE_HASH_ZIPLIST: return "hash (ziplist)";
      case TYPE_LIST_QUICKLIST: return "list (quicklist)";
      case TYPE_STREAM_LISTPACKS: return "stream (STREAM_LISTPACKS)";
      case TYPE_HASH_LISTPACK: return "hash (listpack)";
      case TYPE_ZSET_LISTPACK: return "zset (listpack)";
      case TYPE_LIST_QUICKLIST_2: return "list (quicklist 2)";
      case TYPE_STREAM_LISTPACKS_2: return "stream (STREAM_LISTPACKS_2)";
      default: return "unknown type " + type;
    }
  }
}

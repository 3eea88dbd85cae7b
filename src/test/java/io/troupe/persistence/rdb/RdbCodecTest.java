package io.troupe.persistence.rdb;

import static io.troupe.persistence.rdb.RdbModel.b;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.troupe.keyspace.TypedValue;
import io.troupe.type.hash.HashType;
import io.troupe.type.list.ListType;
import io.troupe.type.set.SetType;
import io.troupe.type.zset.ZSetType;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import redis.clients.jedis.Jedis;

/**
 * RDB codec: primitives, every type and size class both ways, files made by a
 * real redis-server 7.0 (committed golden files, and live ones where
 * redis-server is installed), files Troupe writes loaded by a real
 * redis-server, and the load errors.
 */
class RdbCodecTest {
  private static final String GOLDEN_SMALL = "small-7.0.15.rdb";
  private static final String GOLDEN_LARGE = "large-7.0.15.rdb";

  // ---- helpers ------------------------------------------------------------------------------

  private static byte[] writeModel(RdbModel m, boolean compression, boolean checksum) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    writeModel(m, bytes, compression, checksum);
    return bytes.toByteArray();
  }

  private static void writeModel(RdbModel m, OutputStream out, boolean compression, boolean checksum)
      throws IOException {
    List<RdbWriter.Db> dbs = new ArrayList<>();
    for (Map.Entry<Integer, Map<String, RdbModel.Key>> db : m.dbs.entrySet()) {
      List<RdbWriter.Item> items = new ArrayList<>();
      long expires = 0;
      for (Map.Entry<String, RdbModel.Key> e : db.getValue().entrySet()) {
        items.add(new RdbWriter.Item(b(e.getKey()), RdbModel.toTroupe(e.getValue().value()),
            e.getValue().expireAt(), -1, -1));
        expires += e.getValue().expireAt() != -1 ? 1 : 0;
      }
      dbs.add(new RdbWriter.Db(db.getKey(), items.size(), expires, items));
    }
    new RdbWriter(out, compression, checksum).write(RdbWriter.defaultAux(System.currentTimeMillis(), 1 << 20),
        dbs);
  }

  private static RdbModel read(byte[] file) throws Exception {
    return RdbModel.fromRdb(new ByteArrayInputStream(file), ValueLimits.DEFAULTS, null);
  }

  private static byte[] resource(String name) throws IOException {
    try (InputStream in = RdbCodecTest.class.getResourceAsStream(name)) {
      assertTrue(in != null, "missing test resource " + name);
      return in.readAllBytes();
    }
  }

  private static String rdbError(byte[] file) {
    return assertThrows(RdbException.class, () -> read(file)).getMessage();
  }

  // ---- frozen identifiers ---------------------------------------------------------------------

  @Test
  void typeAndOpcodeNumbersAreFrozen() {
    int[] types = {Rdb.TYPE_STRING, Rdb.TYPE_LIST, Rdb.TYPE_SET, Rdb.TYPE_ZSET, Rdb.TYPE_HASH, Rdb.TYPE_ZSET_2,
        Rdb.TYPE_MODULE_PRE_GA, Rdb.TYPE_MODULE_2, Rdb.TYPE_HASH_ZIPMAP, Rdb.TYPE_LIST_ZIPLIST,
        Rdb.TYPE_SET_INTSET, Rdb.TYPE_ZSET_ZIPLIST, Rdb.TYPE_HASH_ZIPLIST, Rdb.TYPE_LIST_QUICKLIST,
        Rdb.TYPE_STREAM_LISTPACKS, Rdb.TYPE_HASH_LISTPACK, Rdb.TYPE_ZSET_LISTPACK, Rdb.TYPE_LIST_QUICKLIST_2,
        Rdb.TYPE_STREAM_LISTPACKS_2};
    assertArrayEquals(new int[] {0, 1, 2, 3, 4, 5, 6, 7, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19}, types);
    int[] opcodes = {Rdb.OPCODE_FUNCTION2, Rdb.OPCODE_FUNCTION_PRE_GA, Rdb.OPCODE_MODULE_AUX, Rdb.OPCODE_IDLE,
        Rdb.OPCODE_FREQ, Rdb.OPCODE_AUX, Rdb.OPCODE_RESIZEDB, Rdb.OPCODE_EXPIRETIME_MS, Rdb.OPCODE_EXPIRETIME,
        Rdb.OPCODE_SELECTDB, Rdb.OPCODE_EOF};
    assertArrayEquals(new int[] {245, 246, 247, 248, 249, 250, 251, 252, 253, 254, 255}, opcodes);
    assertEquals(10, Rdb.VERSION);
    assertEquals(1, Rdb.QUICKLIST_NODE_PLAIN);
    assertEquals(2, Rdb.QUICKLIST_NODE_PACKED);
  }

  // ---- primitives -----------------------------------------------------------------------------

  private static byte[] out(IoAction a, boolean compression) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    RdbOutput o = new RdbOutput(bytes, compression);
    a.run(o);
    o.flush();
    return bytes.toByteArray();
  }

  interface IoAction {
    void run(RdbOutput o) throws IOException;
  }

  private static byte[] bytes(int... v) {
    byte[] b = new byte[v.length];
    for (int i = 0; i < v.length; i++) {
      b[i] = (byte) v[i];
    }
    return b;
  }

  @Test
  void lengthEncodingsOfEverySize() throws Exception {
    assertArrayEquals(bytes(0), out(o -> o.writeLen(0), false));
    assertArrayEquals(bytes(63), out(o -> o.writeLen(63), false));
    assertArrayEquals(bytes(0x40, 64), out(o -> o.writeLen(64), false));
    assertArrayEquals(bytes(0x7f, 0xff), out(o -> o.writeLen(16383), false));
    assertArrayEquals(bytes(0x80, 0, 0, 0x40, 0), out(o -> o.writeLen(16384), false));
    assertArrayEquals(bytes(0x80, 0xff, 0xff, 0xff, 0xff), out(o -> o.writeLen(0xFFFFFFFFL), false));
    assertArrayEquals(bytes(0x81, 0, 0, 0, 1, 0, 0, 0, 0), out(o -> o.writeLen(1L << 32), false));
    for (long len : new long[] {0, 1, 63, 64, 16383, 16384, 0xFFFFFFFFL, 1L << 32, Long.MAX_VALUE}) {
      assertEquals(len, RdbInput.of(out(o -> o.writeLen(len), false)).readLen());
    }
  }

  @Test
  void stringEncodingsAsRedisPicksThem() throws Exception {
    assertArrayEquals(bytes(0xc0, 42), out(o -> o.writeString(b("42")), true));
    assertArrayEquals(bytes(0xc0, 0xf9), out(o -> o.writeString(b("-7")), true));
    assertArrayEquals(bytes(0xc1, 0x2c, 0x01), out(o -> o.writeString(b("300")), true));
    assertArrayEquals(bytes(0xc2, 0x70, 0x11, 0x01, 0x00), out(o -> o.writeString(b("70000")), true));
    // Longer than 11 characters, or not canonical: raw.
    assertArrayEquals(bytes(3, '0', '0', '7'), out(o -> o.writeString(b("007")), true));
    assertEquals(11, out(o -> o.writeString(b("12345678901")), true)[0]);
    String compressible = "abcabcabc".repeat(30);
    byte[] lzf = out(o -> o.writeString(b(compressible)), true);
    assertEquals(0xc3, lzf[0] & 0xff);
    assertTrue(lzf.length < 60, "compressed to " + lzf.length);
    assertEquals(compressible, RdbModel.s(RdbInput.of(lzf).readString()));
    // rdbcompression no, or 20 bytes and fewer: raw.
    assertEquals(compressible.length(), out(o -> o.writeString(b(compressible)), false).length - 2);
    assertEquals(21, out(o -> o.writeString(b("a".repeat(20))), true).length);
    // Incompressible data stays raw even with compression on.
    byte[] random = new byte[200];
    new java.util.Random(1).nextBytes(random);
    assertEquals(0x40, out(o -> o.writeString(random), true)[0] & 0xc0);
    for (String s : new String[] {"0", "-128", "127", "128", "-32768", "32767", "32768", "-2147483648",
        "2147483647", "2147483648", "-0", "+1", " 1", "", "x"}) {
      assertEquals(s, RdbModel.s(RdbInput.of(out(o -> o.writeString(b(s)), true)).readString()));
    }
  }

  @Test
  void doublesInBothForms() throws Exception {
    for (double d : new double[] {0, -0.0, 1.5, -3, 1e300, 4.9e-324, Double.POSITIVE_INFINITY,
        Double.NEGATIVE_INFINITY}) {
      assertEquals(Double.doubleToLongBits(d),
          Double.doubleToLongBits(RdbInput.of(out(o -> o.writeBinaryDouble(d), false)).readBinaryDouble()));
    }
    assertEquals(3.25, RdbInput.of(bytes(4, '3', '.', '2', '5')).readOldDouble());
    assertEquals(Double.POSITIVE_INFINITY, RdbInput.of(bytes(254)).readOldDouble());
    assertEquals(Double.NEGATIVE_INFINITY, RdbInput.of(bytes(255)).readOldDouble());
    assertTrue(Double.isNaN(RdbInput.of(bytes(253)).readOldDouble()));
  }

  @Test
  void listpackEntriesOfEveryEncodingRoundTrip() throws Exception {
    List<String> values = List.of("0", "127", "128", "-1", "-4096", "4095", "4096", "-4097", "32767", "-32768",
        "32768", "8388607", "-8388608", "8388608", "2147483647", "-2147483648", "2147483648",
        "9223372036854775807", "-9223372036854775808", "", "a", "x".repeat(63), "y".repeat(64),
        "z".repeat(4095), "w".repeat(4096), "w".repeat(70000), "01", "1.5");
    Blobs.ListpackBuilder lp = new Blobs.ListpackBuilder();
    int expectedBytes = 7;
    for (String v : values) {
      lp.add(b(v));
      expectedBytes += Blobs.ListpackBuilder.entrySize(b(v));
    }
    byte[] blob = lp.build();
    assertEquals(expectedBytes, blob.length);
    List<String> back = new ArrayList<>();
    for (byte[] e : Blobs.listpack(blob)) {
      back.add(RdbModel.s(e));
    }
    assertEquals(values, back);
  }

  @Test
  void ziplistZipmapAndIntsetBlobs() throws Exception {
    // A ziplist of "ab", 12 (immediate), -2 (int8), 300 (int16), 70000 (int24), 2^31 (int64),
    // 100000000 (int32) and a 70-byte string (14-bit length), built by hand from ziplist.c's layout.
    ByteArrayOutputStream e = new ByteArrayOutputStream();
    e.writeBytes(bytes(0, 0x02, 'a', 'b'));
    e.writeBytes(bytes(4, 0xfd));
    e.writeBytes(bytes(2, 0xfe, 0xfe));
    e.writeBytes(bytes(3, 0xc0, 0x2c, 0x01));
    e.writeBytes(bytes(4, 0xf0, 0x70, 0x11, 0x01));
    e.writeBytes(bytes(5, 0xe0, 0, 0, 0, 0x80, 0, 0, 0, 0));
    e.writeBytes(bytes(10, 0xd0, 0x00, 0xe1, 0xf5, 0x05));
    e.writeBytes(bytes(6, 0x40, 70));
    e.writeBytes(b("s".repeat(70)));
    byte[] entries = e.toByteArray();
    byte[] zl = new byte[10 + entries.length + 1];
    int total = zl.length;
    zl[0] = (byte) total;
    zl[1] = (byte) (total >> 8);
    zl[8] = 8;
    System.arraycopy(entries, 0, zl, 10, entries.length);
    zl[total - 1] = (byte) 0xff;
    List<String> got = new ArrayList<>();
    for (byte[] x : Blobs.ziplist(zl)) {
      got.add(RdbModel.s(x));
    }
    assertEquals(List.of("ab", "12", "-2", "300", "70000", "2147483648", "100000000", "s".repeat(70)), got);

    // A zipmap {"f": "v", "key": "value"} with one free byte after "value".
    byte[] zm = bytes(2, 1, 'f', 1, 0, 'v', 3, 'k', 'e', 'y', 5, 1, 'v', 'a', 'l', 'u', 'e', 'X', 0xff);
    got.clear();
    for (byte[] x : Blobs.zipmap(zm)) {
      got.add(RdbModel.s(x));
    }
    assertEquals(List.of("f", "v", "key", "value"), got);

    // An intset of width 4: -1, 70000.
    byte[] is = bytes(4, 0, 0, 0, 2, 0, 0, 0, 0xff, 0xff, 0xff, 0xff, 0x70, 0x11, 0x01, 0);
    got.clear();
    for (byte[] x : Blobs.intset(is)) {
      got.add(RdbModel.s(x));
    }
    assertEquals(List.of("-1", "70000"), got);

    // Corrupt blobs fail cleanly.
    assertThrows(RdbException.class, () -> Blobs.ziplist(java.util.Arrays.copyOf(zl, zl.length - 3)));
    assertThrows(RdbException.class, () -> Blobs.intset(java.util.Arrays.copyOf(is, 12)));
    byte[] lp = new Blobs.ListpackBuilder().build();
    lp[4] = 3;
    assertThrows(RdbException.class, () -> Blobs.listpack(lp));
  }

  /** A file of the given body (after the header), closed with EOF and a correct checksum. */
  private static byte[] file(int version, byte[] body, boolean checksum) {
    ByteArrayOutputStream f = new ByteArrayOutputStream();
    f.writeBytes(b(String.format("REDIS%04d", version)));
    f.writeBytes(body);
    f.write(Rdb.OPCODE_EOF);
    long crc = checksum ? Crc64.of(f.toByteArray()) : 0;
    for (int i = 0; i < 8; i++) {
      f.write((int) (crc >>> (8 * i)));
    }
    return f.toByteArray();
  }

  private static byte[] concat(byte[]... parts) {
    ByteArrayOutputStream o = new ByteArrayOutputStream();
    for (byte[] p : parts) {
      o.writeBytes(p);
    }
    return o.toByteArray();
  }

  private static byte[] str(String s) {
    return concat(bytes(s.length()), b(s));
  }

  @Test
  void olderEncodingsLoad() throws Exception {
    // LIST_ZIPLIST (10), LIST_QUICKLIST (14) of ziplists, HASH_ZIPLIST (13), ZSET_ZIPLIST (12),
    // HASH_ZIPMAP (9), ZSET with text scores (3), plain LIST (1), QUICKLIST_2 PLAIN node, EXPIRETIME (s).
    byte[] zl = bytes(16, 0, 0, 0, 0, 0, 0, 0, 2, 0, 0, 1, 'a', 3, 0xfd, 0xff);
    byte[] zlHash = bytes(17, 0, 0, 0, 0, 0, 0, 0, 2, 0, 0, 1, 'f', 3, 0x01, 'v', 0xff);
    byte[] zlZset = bytes(19, 0, 0, 0, 0, 0, 0, 0, 2, 0, 0, 1, 'm', 3, 0x03, '1', '.', '5', 0xff);
    byte[] zm = bytes(1, 1, 'f', 1, 0, 'v', 0xff);
    byte[] body = concat(
        bytes(Rdb.OPCODE_SELECTDB, 0),
        bytes(Rdb.TYPE_LIST_ZIPLIST), str("l1"), concat(bytes(zl.length), zl),
        bytes(Rdb.TYPE_LIST_QUICKLIST), str("l2"), bytes(2), concat(bytes(zl.length), zl),
        concat(bytes(zl.length), zl),
        bytes(Rdb.TYPE_HASH_ZIPLIST), str("h1"), concat(bytes(zlHash.length), zlHash),
        bytes(Rdb.TYPE_ZSET_ZIPLIST), str("z1"), concat(bytes(zlZset.length), zlZset),
        bytes(Rdb.TYPE_HASH_ZIPMAP), str("h2"), concat(bytes(zm.length), zm),
        bytes(Rdb.TYPE_ZSET), str("z2"), bytes(2), str("a"), bytes(3, '2', '.', '5'), str("b"), bytes(254),
        bytes(Rdb.OPCODE_EXPIRETIME, 0x00, 0xe1, 0xf5, 0x05),
        bytes(Rdb.TYPE_LIST), str("l3"), bytes(2), str("x"), bytes(0xc0, 5),
        bytes(Rdb.TYPE_LIST_QUICKLIST_2), str("l4"), bytes(1), bytes(Rdb.QUICKLIST_NODE_PLAIN), str("plain"));
    for (int version : new int[] {6, 9, 10}) {
      RdbModel m = read(file(version, body, true));
      Map<String, RdbModel.Key> db = m.dbs.get(0);
      assertEquals(List.of("a", "12"), db.get("l1").value());
      assertEquals(List.of("a", "12", "a", "12"), db.get("l2").value());
      assertEquals(Map.of("f", "v"), db.get("h1").value());
      assertEquals(Map.of("m", 1.5), db.get("z1").value());
      assertEquals(Map.of("f", "v"), db.get("h2").value());
      assertEquals(Map.of("a", 2.5, "b", Double.POSITIVE_INFINITY), db.get("z2").value());
      assertEquals(List.of("x", "5"), db.get("l3").value());
      assertEquals(100000000L * 1000, db.get("l3").expireAt());
      assertEquals(-1, db.get("l4").expireAt());
      assertEquals(List.of("plain"), db.get("l4").value());
    }
  }

  // ---- round trips ----------------------------------------------------------------------------

  @Test
  void everyTypeAndSizeClassRoundTrips() throws Exception {
    for (RdbModel m : List.of(RdbModel.small(), RdbModel.large())) {
      for (boolean compression : new boolean[] {true, false}) {
        byte[] f = writeModel(m, compression, true);
        Map<String, Object> seen = new HashMap<>();
        RdbModel back = RdbModel.fromRdb(new ByteArrayInputStream(f), ValueLimits.DEFAULTS, seen);
        RdbModel.assertSameData(m, back);
        // Encodings after loading are what the same values get when built by commands.
        for (Map.Entry<Integer, Map<String, RdbModel.Key>> db : m.dbs.entrySet()) {
          for (Map.Entry<String, RdbModel.Key> e : db.getValue().entrySet()) {
            Object original = RdbModel.toTroupe(e.getValue().value());
            Object loaded = seen.get(db.getKey() + "/" + e.getKey());
            if (original instanceof TypedValue t) {
              assertEquals(t.encoding(), ((TypedValue) loaded).encoding(), e.getKey());
            }
          }
        }
      }
    }
  }

  @Test
  void loadingAppliesTheConfiguredThresholds() throws Exception {
    byte[] f = writeModel(RdbModel.small(), true, true);
    ValueLimits tiny = new ValueLimits(2, 1, 64, 1, new ZSetType.Limits(1, 64));
    Map<String, Object> seen = new HashMap<>();
    RdbModel.fromRdb(new ByteArrayInputStream(f), tiny, seen);
    assertEquals("hashtable", ((HashType) seen.get("0/hash:small")).encoding());
    assertEquals("hashtable", ((SetType) seen.get("0/set:intset16")).encoding());
    assertEquals("skiplist", ((ZSetType) seen.get("0/zset:small")).encoding());
    seen.clear();
    RdbModel.fromRdb(new ByteArrayInputStream(f), ValueLimits.DEFAULTS, seen);
    assertEquals("listpack", ((HashType) seen.get("0/hash:small")).encoding());
    assertEquals("intset", ((SetType) seen.get("0/set:intset16")).encoding());
    assertEquals("hashtable", ((SetType) seen.get("0/set:small")).encoding());
    assertEquals("listpack", ((ZSetType) seen.get("0/zset:small")).encoding());
  }

  @Test
  void writerLayout() throws Exception {
    RdbModel m = new RdbModel();
    m.put(2, "k", "v", 1234567890123L);
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    RdbWriter w = new RdbWriter(bytes, true, true);
    Map<String, String> aux = new LinkedHashMap<>();
    aux.put("redis-ver", RdbWriter.REDIS_VER);
    w.writeHeader(aux);
    w.selectDb(2, 1, 1);
    w.writeEntry(b("k"), b("v"), 1234567890123L, 7, -1);
    w.writeEntry(b("k2"), b("v2"), -1, -1, 9);
    w.finish();
    byte[] f = bytes.toByteArray();
    byte[] expectedStart = concat(b("REDIS0010"), bytes(Rdb.OPCODE_AUX), str("redis-ver"), str("7.0.15"),
        bytes(Rdb.OPCODE_SELECTDB, 2, Rdb.OPCODE_RESIZEDB, 1, 1, Rdb.OPCODE_EXPIRETIME_MS),
        bytes(0xcb, 0x04, 0xfb, 0x71, 0x1f, 0x01, 0, 0), bytes(Rdb.OPCODE_IDLE, 7, Rdb.TYPE_STRING), str("k"),
        str("v"), bytes(Rdb.OPCODE_FREQ, 9, Rdb.TYPE_STRING), str("k2"), str("v2"), bytes(Rdb.OPCODE_EOF));
    assertArrayEquals(expectedStart, java.util.Arrays.copyOf(f, f.length - 8));
    long crc = Crc64.of(expectedStart);
    long stored = 0;
    for (int i = 0; i < 8; i++) {
      stored |= (long) (f[f.length - 8 + i] & 0xff) << (8 * i);
    }
    assertEquals(crc, stored);
    List<String> events = new ArrayList<>();
    new RdbReader(ValueLimits.DEFAULTS, true).read(new ByteArrayInputStream(f), new RdbReader.Visitor() {
      @Override
      public void onAux(byte[] key, byte[] value) {
        events.add("aux " + RdbModel.s(key) + "=" + RdbModel.s(value));
      }

      @Override
      public void onSelectDb(int db) {
        events.add("select " + db);
      }

      @Override
      public void onResizeDb(long size, long expires) {
        events.add("resize " + size + " " + expires);
      }

      @Override
      public void onEntry(int db, byte[] key, Object value, long expireAtMs, long idle, int freq) {
        events.add(db + " " + RdbModel.s(key) + "=" + RdbModel.s((byte[]) value) + " " + expireAtMs + " " + idle
            + " " + freq);
      }

      @Override
      public void onEnd(long checksum) {
        events.add("end " + (checksum == crc));
      }
    });
    assertEquals(List.of("aux redis-ver=7.0.15", "select 2", "resize 1 1", "2 k=v 1234567890123 7 -1",
        "2 k2=v2 -1 -1 9", "end true"), events);
    // rdbchecksum no writes a zero trailer, which readers accept.
    ByteArrayOutputStream noCrc = new ByteArrayOutputStream();
    new RdbWriter(noCrc, true, false).write(aux, List.of());
    byte[] nf = noCrc.toByteArray();
    assertArrayEquals(new byte[8], java.util.Arrays.copyOfRange(nf, nf.length - 8, nf.length));
    read(nf);
  }

  // ---- errors ---------------------------------------------------------------------------------

  @Test
  void loadErrors() throws Exception {
    byte[] good = writeModel(RdbModel.small(), true, true);
    assertEquals("Wrong signature trying to load DB from file", rdbError(b("REDIX0010")));
    assertEquals("Wrong signature trying to load DB from file", rdbError(b("RED")));
    assertEquals("Can't handle RDB format version 11", rdbError(file(11, new byte[0], true)));
    assertEquals("Can't handle RDB format version 0", rdbError(file(0, new byte[0], true)));
    assertTrue(rdbError(java.util.Arrays.copyOf(good, good.length / 2)).startsWith("Short read loading RDB"));
    assertTrue(rdbError(java.util.Arrays.copyOf(good, good.length - 3)).startsWith("Short read loading RDB"));
    // A flipped byte inside a string value: the file parses, the checksum does not match.
    byte[] bad = good.clone();
    int at = indexOf(bad, b("in db 3"));
    bad[at] = 'X';
    assertTrue(rdbError(bad).startsWith("Wrong RDB checksum expected: ("), rdbError(bad));
    // ...which rdbchecksum no ignores, as does a stored checksum of 0.
    new RdbReader(ValueLimits.DEFAULTS, false).read(new ByteArrayInputStream(bad), (db, k, v, e, i, f) -> {});
    byte[] zero = bad.clone();
    java.util.Arrays.fill(zero, zero.length - 8, zero.length, (byte) 0);
    read(zero);
    assertEquals("Unknown RDB encoding type 8 (key 'k' at offset 9)",
        rdbError(file(10, concat(bytes(8), str("k"), str("v")), true)));
    String stream = rdbError(file(10, concat(bytes(Rdb.TYPE_STREAM_LISTPACKS_2), str("s"), bytes(0)), true));
    assertTrue(stream.contains("stream") && stream.contains("Troupe has no streams"), stream);
    String module = rdbError(file(10, concat(bytes(Rdb.TYPE_MODULE_2), str("m"), bytes(0)), true));
    assertTrue(module.contains("Troupe has no modules"), module);
    assertTrue(rdbError(file(10, concat(bytes(Rdb.TYPE_SET), str("s"), bytes(2), str("a"), str("a")), true))
        .startsWith("Duplicate set members detected"));
    assertTrue(rdbError(file(10, concat(bytes(Rdb.TYPE_ZSET), str("z"), bytes(1), str("a"), bytes(253)), true))
        .startsWith("Zset with NAN score detected"));
  }

  private static int indexOf(byte[] hay, byte[] needle) {
    outer:
    for (int i = 0; i + needle.length <= hay.length; i++) {
      for (int j = 0; j < needle.length; j++) {
        if (hay[i + j] != needle[j]) {
          continue outer;
        }
      }
      return i;
    }
    throw new AssertionError("not found");
  }

  @Test
  void corruptFilesFailWithRdbExceptionsOnly() throws Exception {
    // Random byte flips, read without the checksum so parsing goes deep: every outcome is a clean
    // load or an RdbException, never another exception or a huge allocation.
    java.util.Random r = new java.util.Random(42);
    for (String name : List.of(GOLDEN_SMALL, GOLDEN_LARGE)) {
      byte[] golden = resource(name);
      for (int round = 0; round < 600; round++) {
        byte[] f = golden.clone();
        int flips = 1 + r.nextInt(3);
        for (int i = 0; i < flips; i++) {
          f[9 + r.nextInt(f.length - 9)] = (byte) r.nextInt(256);
        }
        try {
          new RdbReader(ValueLimits.DEFAULTS, false).read(new ByteArrayInputStream(f), (db, k, v, e, i, q) -> {});
        } catch (RdbException expected) {
          // fine
        }
      }
    }
    // A RESTORE-sized payload claiming a 2 GB string or LZF expansion fails without allocating it.
    assertTrue(assertThrows(RdbException.class,
        () -> RdbInput.of(bytes(0x80, 0x7f, 0xff, 0xff, 0x00, 'a')).readString()).getMessage()
        .startsWith("Short read loading RDB"));
    assertTrue(assertThrows(RdbException.class,
        () -> RdbInput.of(bytes(0xc3, 1, 0x80, 0x7f, 0xff, 0xff, 0x00, 'a')).readString()).getMessage()
        .startsWith("Invalid LZF compressed string"));
  }

  @Test
  void functionLibrariesAreSkippedAndEmptyCollectionsDropped() throws Exception {
    List<String> functions = new ArrayList<>();
    List<String> keys = new ArrayList<>();
    byte[] f = file(10, concat(bytes(Rdb.OPCODE_FUNCTION2), str("#!lua name=lib"),
        bytes(Rdb.TYPE_SET), str("empty"), bytes(0), bytes(Rdb.TYPE_STRING), str("k"), str("v")), true);
    new RdbReader(ValueLimits.DEFAULTS, true).read(new ByteArrayInputStream(f), new RdbReader.Visitor() {
      @Override
      public void onFunction(byte[] code) {
        functions.add(RdbModel.s(code));
      }

      @Override
      public void onEntry(int db, byte[] key, Object value, long expireAtMs, long idle, int freq) {
        keys.add(RdbModel.s(key));
      }
    });
    assertEquals(List.of("#!lua name=lib"), functions);
    assertEquals(List.of("k"), keys);
    // The default visitor skips it (with a warning in the log).
    read(f);
    assertEquals("Pre-release function format not supported.",
        rdbError(file(10, concat(bytes(Rdb.OPCODE_FUNCTION_PRE_GA), str("x")), true)));
  }

  // ---- files of a real redis-server 7.0 -----------------------------------------------------

  private static void assertGolden(String name, RdbModel expected) throws Exception {
    Map<String, Object> seen = new HashMap<>();
    RdbModel got = RdbModel.fromRdb(new ByteArrayInputStream(resource(name)), ValueLimits.DEFAULTS, seen);
    RdbModel.Key hll = got.dbs.get(0).remove("hll");
    assertTrue(((String) hll.value()).startsWith("HYLL"), "a HyperLogLog is a string");
    seen.remove("0/hll");
    RdbModel.assertSameData(expected, got);
    for (Map.Entry<String, Object> e : seen.entrySet()) {
      Object v = e.getValue();
      if (v instanceof TypedValue t) {
        Object rebuilt = RdbModel.toTroupe(RdbModel.fromTroupe(v));
        assertEquals(((TypedValue) rebuilt).encoding(), t.encoding(), e.getKey());
      }
    }
  }

  @Test
  void readsGoldenFilesOfRedis7() throws Exception {
    assertGolden(GOLDEN_SMALL, RdbModel.small());
    assertGolden(GOLDEN_LARGE, RdbModel.large());
    // The golden files hold the encodings they are meant to cover (type byte before the key).
    byte[] small = resource(GOLDEN_SMALL);
    indexOf(small, concat(bytes(Rdb.TYPE_LIST_QUICKLIST_2), str("list:small")));
    indexOf(small, concat(bytes(Rdb.TYPE_SET_INTSET), str("set:intset16")));
    indexOf(small, concat(bytes(Rdb.TYPE_SET_INTSET), str("set:intset64")));
    indexOf(small, concat(bytes(Rdb.TYPE_SET), str("set:small")));
    indexOf(small, concat(bytes(Rdb.TYPE_HASH_LISTPACK), str("hash:small")));
    indexOf(small, concat(bytes(Rdb.TYPE_ZSET_LISTPACK), str("zset:small")));
    indexOf(small, concat(bytes(Rdb.TYPE_STRING), str("str:lzf"), bytes(0xc3)));
    indexOf(small, concat(bytes(Rdb.TYPE_STRING), str("str:int16"), bytes(0xc1)));
    indexOf(small, concat(bytes(Rdb.TYPE_STRING), str("str:int32"), bytes(0xc2)));
    indexOf(small, concat(bytes(Rdb.OPCODE_SELECTDB, 3, Rdb.OPCODE_RESIZEDB, 2, 1)));
    byte[] large = resource(GOLDEN_LARGE);
    indexOf(large, concat(bytes(Rdb.TYPE_LIST_QUICKLIST_2), str("list:big")));
    indexOf(large, concat(bytes(Rdb.TYPE_SET), str("set:manyints")));
    indexOf(large, concat(bytes(Rdb.TYPE_HASH), str("hash:big")));
    indexOf(large, concat(bytes(Rdb.TYPE_HASH), str("hash:longvalue")));
    indexOf(large, concat(bytes(Rdb.TYPE_ZSET_2), str("zset:big")));
    indexOf(large, concat(bytes(Rdb.TYPE_ZSET_2), str("zset:longmember")));
  }

  @Test
  void readsWhatARealRedisSaves(@TempDir Path dir) throws Exception {
    assumeTrue(RealRedis.installed(), "redis-server is not installed");
    for (RdbModel m : List.of(RdbModel.small(), RdbModel.large())) {
      try (RealRedis r = RealRedis.start(16551, dir, "dump.rdb")) {
        try (Jedis j = r.jedis()) {
          m.fill(j);
          // Extra keys whose encodings only exist in a live server: an HLL is a string.
          j.select(0);
          j.pfadd("hll", "a", "b", "c");
          assertEquals("OK", j.save());
          RdbModel live = RdbModel.readBack(j, m.dbs.keySet());
          Map<String, Object> seen = new HashMap<>();
          RdbModel parsed;
          try (InputStream in = Files.newInputStream(dir.resolve("dump.rdb"))) {
            parsed = RdbModel.fromRdb(in, ValueLimits.DEFAULTS, seen);
          }
          RdbModel.assertSameData(live, parsed);
          RdbModel.Key hll = parsed.dbs.get(0).remove("hll");
          assertEquals(RdbModel.s(j.get(b("hll"))), hll.value());
          RdbModel.assertSameData(m, parsed);
          // Same encodings as Redis reports for each key.
          for (Map.Entry<String, Object> e : seen.entrySet()) {
            String[] dbKey = e.getKey().split("/", 2);
            j.select(Integer.parseInt(dbKey[0]));
            String redisEncoding = j.objectEncoding(dbKey[1]);
            String ours = io.troupe.keyspace.ObjectCommands.encodingOf(e.getValue());
            if (!(e.getValue() instanceof byte[])) {
              assertEquals(redisEncoding, ours, e.getKey());
            }
          }
          String golden = System.getProperty("rdb.golden.dir");
          if (golden != null) {
            Files.copy(dir.resolve("dump.rdb"),
                Path.of(golden).resolve(m.dbs.get(0).containsKey("str:big") ? GOLDEN_LARGE : GOLDEN_SMALL),
                java.nio.file.StandardCopyOption.REPLACE_EXISTING);
          }
        }
      }
    }
  }

  @Test
  void aRealRedisLoadsWhatTroupeWrites(@TempDir Path dir) throws Exception {
    assumeTrue(RealRedis.installed(), "redis-server is not installed");
    for (boolean compression : new boolean[] {true, false}) {
      for (RdbModel m : List.of(RdbModel.small(), RdbModel.large())) {
        String digestNative;
        Map<String, String> encodingsNative = new HashMap<>();
        try (RealRedis r = RealRedis.start(16552, dir, "native.rdb"); Jedis j = r.jedis()) {
          m.fill(j);
          digestNative = digest(j);
          for (Map.Entry<String, Object> e : m.flat().entrySet()) {
            String[] dbKey = e.getKey().split("/", 2);
            j.select(Integer.parseInt(dbKey[0]));
            encodingsNative.put(e.getKey(), j.objectEncoding(dbKey[1]));
          }
        }
        try (OutputStream out = Files.newOutputStream(dir.resolve("troupe.rdb"))) {
          writeModel(m, out, compression, true);
        }
        try (RealRedis r = RealRedis.start(16552, dir, "troupe.rdb"); Jedis j = r.jedis()) {
          RdbModel back = RdbModel.readBack(j, m.dbs.keySet());
          RdbModel.assertSameData(m, back);
          assertEquals(digestNative, digest(j));
          for (Map.Entry<String, Object> e : m.flat().entrySet()) {
            String[] dbKey = e.getKey().split("/", 2);
            j.select(Integer.parseInt(dbKey[0]));
            assertEquals(encodingsNative.get(e.getKey()), j.objectEncoding(dbKey[1]), e.getKey());
          }
          // Redis re-saves what it loaded from Troupe's file, and Troupe reads that back.
          j.select(0);
          assertEquals("OK", j.save());
          try (InputStream in = Files.newInputStream(dir.resolve("troupe.rdb"))) {
            RdbModel.assertSameData(m, RdbModel.fromRdb(in, ValueLimits.DEFAULTS, null));
          }
        }
      }
    }
  }

  /** DEBUG DIGEST: one hash of every key, value and expiry of every db. */
  private static String digest(Jedis j) {
    return RdbModel.s((byte[]) j.sendCommand(() -> b("DEBUG"), b("DIGEST")));
  }

  @Test
  void listsWriteAsQuicklist2WithListpackNodes() throws Exception {
    ListType l = new ListType(-2);
    for (int i = 0; i < 5000; i++) {
      l.push(b("element-" + i), false);
    }
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    RdbOutput o = new RdbOutput(bytes, false);
    RdbValues.write(o, l);
    o.flush();
    RdbInput in = RdbInput.of(bytes.toByteArray());
    long nodes = in.readLen();
    assertTrue(nodes > 1);
    long total = 0;
    for (long i = 0; i < nodes; i++) {
      assertEquals(Rdb.QUICKLIST_NODE_PACKED, in.readLen());
      byte[] lp = in.readString();
      assertTrue(lp.length <= RdbValues.LIST_NODE_BYTES, "node of " + lp.length + " bytes");
      total += Blobs.listpack(lp).size();
    }
    assertEquals(5000, total);
    assertNotEquals(0, bytes.size());
  }
}

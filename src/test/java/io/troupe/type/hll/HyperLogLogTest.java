package io.troupe.type.hll;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

/**
 * The HLL structure against byte strings a real Redis 7.0.15 produced for the
 * same PFADDs (sparse ones as hex literals, dense ones by SHA-256), and the
 * estimator's error on large sets.
 */
class HyperLogLogTest {
  private static final HexFormat HEX = HexFormat.of();

  private static byte[] b(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  private static String sha256(byte[] v) {
    try {
      return HEX.formatHex(MessageDigest.getInstance("SHA-256").digest(v));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static HyperLogLog addAll(HyperLogLog h, long max, String prefix, int from, int to) {
    for (int i = from; i < to; i++) {
      h.add(b(prefix + i), max);
    }
    return h;
  }

  @Test
  void emptyIsOneXzero() {
    assertEquals("48594c4c0100000000000000000000007fff", HEX.formatHex(HyperLogLog.create().toBytes()));
  }

  @Test
  void sparseBytesMatchRedis() {
    HyperLogLog h = HyperLogLog.create();
    for (String e : new String[] {"a", "b", "c"}) {
      assertEquals(1, h.add(b(e), 3000));
    }
    h.invalidateCache(); // PFADD invalidates once more at the end
    assertEquals("48594c4c01000000000000000000008060f38050b1844bfb80425a", HEX.formatHex(h.toBytes()));
    assertFalse(h.cacheValid());
    assertEquals(3, h.count());
    h.setCachedCardinality(3);
    assertEquals("48594c4c01000000030000000000000060f38050b1844bfb80425a", HEX.formatHex(h.toBytes()));
    assertEquals(0, h.add(b("a"), 3000));
  }

  @Test
  void hundredElementsSparseMatchesRedis() {
    HyperLogLog h = addAll(HyperLogLog.create(), 3000, "foo", 0, 100);
    h.invalidateCache();
    assertEquals(HyperLogLog.SPARSE, h.encoding());
    assertEquals(F100, HEX.formatHex(h.toBytes()));
    assertEquals(100, h.count());
  }

  @Test
  void denseBytesMatchRedis() {
    HyperLogLog h = addAll(HyperLogLog.create(), 3000, "e", 0, 20000);
    h.invalidateCache();
    assertEquals(HyperLogLog.DENSE, h.encoding());
    assertEquals(HyperLogLog.DENSE_SIZE, h.toBytes().length);
    assertEquals("f491acb3b4a2b5308b23aba4dc292ccc3905e92ecc131f8f368334741fdc3dc7", sha256(h.toBytes()));
    assertEquals(19901, h.count());
  }

  @Test
  void sparseMaxBytesPromotesAsRedis() {
    // hll-sparse-max-bytes 100: 25 elements stay sparse (91 bytes), 60 go dense.
    HyperLogLog s = addAll(HyperLogLog.create(), 100, "x", 0, 25);
    s.invalidateCache();
    assertEquals("48594c4c01000000000000000000008043729442a384441a80440f844295b4404390404c8840dd8042a0"
        + "8045688041fe84405984412f8c40c88445ab80412a80453398417f8c47188024842d8844d28c4108844512a440fb884061",
        HEX.formatHex(s.toBytes()));
    HyperLogLog d = addAll(HyperLogLog.create(), 100, "x", 0, 60);
    assertEquals(HyperLogLog.DENSE, d.encoding());
    long card = d.count();
    assertEquals(60, card);
    d.setCachedCardinality(card);
    assertEquals("92da04991965d960b1634a47475b52b81876a9a85d34adcb60535d7faa68c135", sha256(d.toBytes()));
  }

  @Test
  void mergeCountsMatchRedis() {
    byte[] f = addAll(HyperLogLog.create(), 3000, "foo", 0, 100).toBytes();
    byte[] a = addAll(HyperLogLog.create(), 3000, "", 0, 0).toBytes();
    HyperLogLog abc = HyperLogLog.create();
    for (String e : new String[] {"a", "b", "c"}) {
      abc.add(b(e), 3000);
    }
    byte[] max = new byte[HyperLogLog.REGISTERS];
    assertTrue(HyperLogLog.mergeInto(max, f));
    assertTrue(HyperLogLog.mergeInto(max, abc.toBytes()));
    assertTrue(HyperLogLog.mergeInto(max, a));
    assertEquals(103, HyperLogLog.countRaw(max));
    assertTrue(HyperLogLog.mergeInto(max, addAll(HyperLogLog.create(), 3000, "e", 0, 20000).toBytes()));
    assertEquals(19998, HyperLogLog.countRaw(max));
  }

  @Test
  void corruptedSparseIsDetected() {
    assertFalse(HyperLogLog.isValid(HEX.parseHex("48594c4c0100")));
    byte[] shortRun = HEX.parseHex("48594c4c0100000000000000000000007ffe");
    assertEquals(-1, HyperLogLog.copyOf(shortRun).count());
    assertFalse(HyperLogLog.mergeInto(new byte[HyperLogLog.REGISTERS], shortRun));
    assertFalse(HyperLogLog.copyOf(shortRun).toDense());
    byte[] valPastEnd = HEX.parseHex("48594c4c0100000000000000000000007fff80");
    assertFalse(HyperLogLog.mergeInto(new byte[HyperLogLog.REGISTERS], valPastEnd));
    assertFalse(HyperLogLog.copyOf(valPastEnd).toDense());
    // A dense string of the wrong length, an unknown encoding, a bad magic.
    assertFalse(HyperLogLog.isValid(HEX.parseHex("48594c4c0000000000000000000000000000")));
    assertFalse(HyperLogLog.isValid(HEX.parseHex("48594c4c0200000000000000000000007fff")));
    assertFalse(HyperLogLog.isValid(HEX.parseHex("48594c4d0100000000000000000000007fff")));
  }

  @Test
  void denseRegistersRoundTrip() {
    HyperLogLog h = HyperLogLog.create();
    assertTrue(h.toDense());
    for (int i = 0; i < HyperLogLog.REGISTERS; i++) {
      h.set(i, (i * 7) % 64, 3000);
    }
    for (int i = 0; i < HyperLogLog.REGISTERS; i++) {
      assertEquals((i * 7) % 64, h.register(i), "register " + i);
    }
  }

  @Test
  void sparseAndDenseAgreeRegisterByRegister() {
    HyperLogLog sparse = addAll(HyperLogLog.create(), 1_000_000, "k", 0, 3000);
    HyperLogLog dense = HyperLogLog.create();
    assertTrue(dense.toDense());
    addAll(dense, 3000, "k", 0, 3000);
    assertEquals(HyperLogLog.SPARSE, sparse.encoding());
    for (int i = 0; i < HyperLogLog.REGISTERS; i++) {
      assertEquals(dense.register(i), sparse.register(i));
    }
    assertEquals(dense.count(), sparse.count());
    assertTrue(sparse.toDense());
    byte[] a = sparse.toBytes();
    byte[] d = dense.toBytes();
    a[15] = d[15] = 0; // cache flags may differ
    assertArrayEquals(d, a);
  }

  @Test
  void estimateErrorNearStandardError() {
    HyperLogLog h = HyperLogLog.create();
    long max = 3000;
    int[] checkpoints = {10_000, 100_000, 1_000_000};
    int c = 0;
    for (int i = 1; i <= 1_000_000; i++) {
      h.add(b("element:" + i), max);
      if (i == checkpoints[c]) {
        double err = Math.abs(h.count() - (double) i) / i;
        // 0.81% standard error; 3 sigma bounds a single run.
        assertTrue(err < 0.0243, "error " + err + " at " + i);
        c++;
      }
    }
    assertEquals(3, c);
  }

  @Test
  void smallCardinalitiesAreNearlyExact() {
    HyperLogLog h = HyperLogLog.create();
    for (int i = 0; i < 500; i++) {
      h.add(b("s" + i), 3000);
      assertTrue(Math.abs(h.count() - (i + 1)) <= 1 + (i + 1) / 100, "after " + (i + 1) + ": " + h.count());
    }
  }

  private static final String F100 =
      "48594c4c01000000000000000000008041c1801988408b88407d800880419b8c40448c168040a28040f78040599040"
          + "f6803a844103844179803684404d8840a480348440798040a580405d8040de882a802b80412080405184408784"
          + "412284410d80405b904166881a800488178c40fe804153802d80158440428441468440ac8042828040d88440ca"
          + "8c412e8440a18040d18c3e80404d8040578040dd84413d880b9040548440bf84404c804072800a94108043f484"
          + "40ea843c802d8440d0802884404c8441ba90411684409d8c0080404f8440848840758441378040b38c1a803e84"
          + "404d84218840428440908838841088414084404084406b80358c405984407a8040848040968c40578041918040"
          + "978040b18840d884404684415e802988412b";
}

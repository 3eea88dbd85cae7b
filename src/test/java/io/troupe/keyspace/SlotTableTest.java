package io.troupe.keyspace;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** SlotTable (per-slot hash table) and Database (slot tables + volatile-key array). */
class SlotTableTest {

  private static byte[] k(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  @Test
  void insertGetRemoveThroughGrowthAndShrink() {
    SlotTable t = new SlotTable();
    int n = 10_000;
    for (int i = 0; i < n; i++) {
      t.insert(k("key:" + i), i);
    }
    assertEquals(n, t.size());
    for (int i = 0; i < n; i++) {
      Entry e = t.get(k("key:" + i));
      assertNotNull(e, "key:" + i);
      assertEquals(i, e.value());
    }
    assertNull(t.get(k("key:" + n)));
    // Remove all but every 100th: the table shrinks several times on the way.
    for (int i = 0; i < n; i++) {
      if (i % 100 != 0) {
        assertNotNull(t.remove(k("key:" + i)));
      }
    }
    assertEquals(n / 100, t.size());
    for (int i = 0; i < n; i++) {
      assertEquals(i % 100 == 0, t.get(k("key:" + i)) != null, "key:" + i);
    }
    assertNull(t.remove(k("key:1")), "already removed");
    Set<String> seen = new HashSet<>();
    t.forEach(e -> seen.add(new String(e.key(), StandardCharsets.UTF_8)));
    assertEquals(n / 100, seen.size());
    assertTrue(seen.contains("key:9900"));
  }

  @Test
  void collidingKeysChainAndUnchain() {
    // "Aa" and "BB" have the same 31-polynomial hash, so they share a bucket.
    assertEquals(SlotTable.hash(k("Aa")), SlotTable.hash(k("BB")));
    SlotTable t = new SlotTable();
    Entry aa = t.insert(k("Aa"), "1");
    Entry bb = t.insert(k("BB"), "2");
    Entry cc = t.insert(k("AaBB"), "3");
    Entry dd = t.insert(k("BBAa"), "4");
    assertSame(aa, t.get(k("Aa")));
    assertSame(bb, t.get(k("BB")));
    assertSame(cc, t.get(k("AaBB")));
    assertSame(dd, t.get(k("BBAa")));
    assertSame(bb, t.remove(k("BB")));
    assertSame(aa, t.get(k("Aa")));
    assertNull(t.get(k("BB")));
    assertSame(aa, t.remove(k("Aa")));
    assertSame(dd, t.get(k("BBAa")));
    assertEquals(2, t.size());
  }

  @Test
  void binaryKeysAreComparedByContent() {
    SlotTable t = new SlotTable();
    t.insert(new byte[] {0, (byte) 0xff, 10}, "x");
    assertNotNull(t.get(new byte[] {0, (byte) 0xff, 10}));
    assertNull(t.get(new byte[] {0, (byte) 0xff}));
    assertNull(t.get(new byte[0]));
    t.insert(new byte[0], "empty");
    assertEquals("empty", t.get(new byte[0]).value());
  }

  @Test
  void randomEntryReturnsMembersOnly() {
    SlotTable t = new SlotTable();
    assertNull(t.randomEntry(new Random(1)));
    for (int i = 0; i < 50; i++) {
      t.insert(k("r" + i), i);
    }
    Random rnd = new Random(7);
    Set<Object> drawn = new HashSet<>();
    for (int i = 0; i < 2000; i++) {
      Entry e = t.randomEntry(rnd);
      assertSame(e, t.get(e.key()));
      drawn.add(e.value());
    }
    assertEquals(50, drawn.size(), "every key is reachable");
  }

  @Test
  void databaseKeepsSlotTablesAndSize() {
    Database db = new Database();
    byte[] a = k("{user1}.a");
    byte[] b = k("{user1}.b");
    byte[] c = k("other");
    int sa = KeySlot.slot(a);
    assertEquals(sa, KeySlot.slot(b));
    db.insert(a, sa, "A");
    db.insert(b, sa, "B");
    db.insert(c, KeySlot.slot(c), "C");
    assertEquals(3, db.size());
    assertEquals(2, db.table(sa).size());
    assertEquals("B", db.get(b, sa).value());
    assertNull(db.get(c, sa), "looked up in the wrong slot");
    db.remove(a, sa);
    db.remove(b, sa);
    assertNull(db.table(sa), "an empty slot table is dropped");
    assertNull(db.remove(a, sa));
    assertEquals(1, db.size());
    assertArrayEquals(c, db.randomEntry(new Random(3)).key());
    db.clear();
    assertEquals(0, db.size());
    assertNull(db.randomEntry(new Random(3)));
  }

  @Test
  void volatileArrayTracksKeysWithATtl() {
    Database db = new Database();
    int n = 1000;
    Entry[] entries = new Entry[n];
    for (int i = 0; i < n; i++) {
      byte[] key = k("v" + i);
      entries[i] = db.insert(key, KeySlot.slot(key), i);
      if (i % 2 == 0) {
        db.setExpire(entries[i], 1000 + i);
      }
    }
    assertEquals(n / 2, db.volatileCount());
    // Setting a new TTL on a volatile key does not add it twice.
    db.setExpire(entries[0], 5);
    assertEquals(n / 2, db.volatileCount());
    assertEquals(5, entries[0].expireAt());
    // PERSIST-like clear.
    db.setExpire(entries[2], Entry.NO_EXPIRY);
    assertFalse(entries[2].hasExpiry());
    assertEquals(n / 2 - 1, db.volatileCount());
    // Removing keys (volatile or not) keeps the array consistent.
    for (int i = 0; i < n; i += 3) {
      db.remove(entries[i].key(), KeySlot.slot(entries[i].key()));
    }
    int expected = 0;
    for (int i = 0; i < n; i++) {
      if (i % 2 == 0 && i != 2 && i % 3 != 0) {
        expected++;
      }
    }
    assertEquals(expected, db.volatileCount());
    // Every sampled key is a live volatile key, and all of them can be drawn.
    Random rnd = new Random(11);
    Set<Entry> drawn = new HashSet<>();
    for (int i = 0; i < 20_000; i++) {
      Entry e = db.randomVolatile(rnd);
      assertTrue(e.hasExpiry());
      assertSame(e, db.get(e.key(), KeySlot.slot(e.key())));
      drawn.add(e);
    }
    assertEquals(expected, drawn.size());
    // Drain through the sampler: the array shrinks back and ends empty.
    while (db.volatileCount() > 0) {
      Entry e = db.randomVolatile(rnd);
      db.remove(e.key(), KeySlot.slot(e.key()));
    }
    assertNull(db.randomVolatile(rnd));
    assertEquals(n - (n + 2) / 3 - expected, db.size());
  }
}

package io.troupe.keyspace;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * The copy-on-write rule of a snapshot, without actors: whatever changes a
 * keyspace after the point (inserts, removals, expiry changes, values changed
 * in place, FLUSHDB, SWAPDB), the sink receives exactly the point's keys, each
 * (database, slot) once.
 */
class KeyspaceSnapshotTest {

  /** Collects "db/key" → "value@expiry" as the sink receives them, and checks each slot comes once. */
  static final class Collect implements SnapshotSink {
    final Map<String, String> keys = new TreeMap<>();
    final java.util.Set<String> slots = new java.util.HashSet<>();
    long[] announced;
    boolean ended;

    @Override
    public void begin(long[] keys, long[] expires) {
      announced = keys.clone();
    }

    @Override
    public void slot(int db, int slot, SlotTable table) {
      assertTrue(slots.add(db + "/" + slot), "slot written twice: " + db + "/" + slot);
      table.forEach(e -> keys.put(db + "/" + s(e.key()), describe(e)));
    }

    @Override
    public boolean failed() {
      return false;
    }

    @Override
    public void end() {
      ended = true;
    }
  }

  static String s(byte[] b) {
    return new String(b, StandardCharsets.ISO_8859_1);
  }

  static byte[] b(String s) {
    return s.getBytes(StandardCharsets.ISO_8859_1);
  }

  static String describe(Entry e) {
    Object v = e.value();
    return (v instanceof byte[] a ? s(a) : String.valueOf(v)) + "@" + e.expireAt();
  }

  static Map<String, String> contents(Keyspace ks) {
    Map<String, String> out = new TreeMap<>();
    for (int db = 0; db < ks.databases(); db++) {
      int d = db;
      ks.db(db).forEach(e -> out.put(d + "/" + s(e.key()), describe(e)));
    }
    return out;
  }

  static void put(Keyspace ks, int db, String key, String value) {
    byte[] k = b(key);
    int slot = KeySlot.slot(k);
    Database d = ks.db(db);
    if (d.get(k, slot) != null) {
      d.remove(k, slot);
    }
    d.insert(k, slot, b(value));
  }

  @Test
  void everyKindOfChangeAfterThePointLeavesTheSnapshotAlone() {
    Keyspace ks = new Keyspace(0, 4);
    for (int i = 0; i < 3000; i++) {
      put(ks, 0, "k" + i, "v" + i);
    }
    for (int i = 0; i < 200; i++) {
      put(ks, 1, "one" + i, "x" + i);
      put(ks, 2, "two" + i, "y" + i);
    }
    Database d0 = ks.db(0);
    d0.setExpire(d0.get(b("k1"), KeySlot.slot(b("k1"))), 4_000_000_000_000L);
    Map<String, String> atPoint = contents(ks);

    Collect sink = new Collect();
    ks.beginSnapshot(sink);
    assertEquals(3000, sink.announced[0]);
    assertEquals(200, sink.announced[1]);
    assertTrue(ks.snapshotRunning());
    // A first bounded step writes some slots, not all.
    assertFalse(ks.snapshotStep(System.nanoTime() + 10_000_000, 100));

    for (int i = 0; i < 3000; i += 3) {
      put(ks, 0, "k" + i, "changed"); // remove + insert
    }
    for (int i = 1; i < 3000; i += 5) {
      d0.remove(b("k" + i), KeySlot.slot(b("k" + i)));
    }
    for (int i = 2; i < 3000; i += 7) {
      Entry e = d0.get(b("k" + i), KeySlot.slot(b("k" + i)));
      if (e != null) {
        d0.setExpire(e, 5_000_000_000_000L);
      }
    }
    // A value changed in place announces itself first (as ExecContext's write lookups do).
    byte[] k4 = b("k4");
    Entry e4 = d0.get(k4, KeySlot.slot(k4));
    d0.willChange(KeySlot.slot(k4));
    e4.setValue(b("in place"));
    for (int i = 3000; i < 3500; i++) {
      put(ks, 0, "new" + i, "n");
    }
    ks.swap(1, 2);
    ks.db(1).clear(); // the old db 2, now at index 1
    put(ks, 1, "after-flush", "z");
    ks.db(3).clear();
    put(ks, 3, "fresh", "f");

    while (!ks.snapshotStep(System.nanoTime() + 1_000_000, Long.MAX_VALUE)) {
      // more steps
    }
    assertTrue(sink.ended);
    assertFalse(ks.snapshotRunning());
    assertEquals(atPoint, sink.keys);
    // Detached: later changes write nothing.
    int seen = sink.slots.size();
    put(ks, 0, "later", "l");
    assertEquals(seen, sink.slots.size());
  }

  @Test
  void aSecondClearKeepsTheFirstPointAndDatabasesFollowSwaps() {
    Keyspace ks = new Keyspace(0, 2);
    put(ks, 0, "a", "1");
    put(ks, 1, "b", "2");
    Collect sink = new Collect();
    ks.beginSnapshot(sink);
    ks.db(0).clear();
    put(ks, 0, "c", "3");
    ks.db(0).clear();
    ks.swap(0, 1);
    put(ks, 0, "d", "4"); // into the old db 1
    while (!ks.snapshotStep(System.nanoTime() + 1_000_000, Long.MAX_VALUE)) {
      // more steps
    }
    assertEquals(Map.of("0/a", "1@-1", "1/b", "2@-1"), sink.keys);
  }

  @Test
  void oneSnapshotAtATime() {
    Keyspace ks = new Keyspace(0, 1);
    put(ks, 0, "a", "1");
    ks.beginSnapshot(new Collect());
    assertThrows(IllegalStateException.class, () -> ks.beginSnapshot(new Collect()));
    List<Boolean> steps = new ArrayList<>();
    while (!ks.snapshotStep(System.nanoTime() + 1_000_000, Long.MAX_VALUE)) {
      steps.add(false);
    }
    ks.beginSnapshot(new Collect()); // the first ended: a new one may start
  }
}

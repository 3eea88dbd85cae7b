package io.troupe.management;

import io.troupe.keyspace.KeySlot;
import io.troupe.keyspace.SlotMap;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;

/**
 * Which shard owns which hash slots, as ranges (CLUSTER SLOTS style
 * {@code [first, last]}, both inclusive), read from the SlotMap. Works for any
 * map, not only the contiguous standalone split.
 */
final class SlotRanges {
  /** One shard's ranges in ascending order. */
  record Shard(int shard, List<int[]> ranges) {
    int slotCount() {
      int n = 0;
      for (int[] r : ranges) {
        n += r[1] - r[0] + 1;
      }
      return n;
    }
  }

  private SlotRanges() {}

  /** Every shard of {@code map} (also one that owns no slot), by shard index. */
  static List<Shard> of(SlotMap map) {
    TreeMap<Integer, List<int[]>> byShard = new TreeMap<>();
    for (int i = 0; i < map.shardCount(); i++) {
      byShard.put(i, new ArrayList<>());
    }
    int start = 0;
    for (int slot = 1; slot <= KeySlot.SLOTS; slot++) {
      if (slot == KeySlot.SLOTS || map.shardOf(slot) != map.shardOf(start)) {
        byShard.computeIfAbsent(map.shardOf(start), k -> new ArrayList<>()).add(new int[] {start, slot - 1});
        start = slot;
      }
    }
    List<Shard> out = new ArrayList<>();
    byShard.forEach((shard, ranges) -> out.add(new Shard(shard, List.copyOf(ranges))));
    return out;
  }
}

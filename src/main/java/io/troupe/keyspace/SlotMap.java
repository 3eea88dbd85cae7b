package io.troupe.keyspace;

/**
 * Which shard of this node owns each hash slot. Standalone, the node owns all
 * 16384 slots, split into contiguous ranges, one per shard. Immutable; a new
 * map replaces the old one when ownership changes (cluster mode).
 */
public final class SlotMap {
  private final short[] shardOfSlot = new short[KeySlot.SLOTS];
  private final int shards;

  private SlotMap(int shards) {
    this.shards = shards;
  }

  /** Splits all slots evenly into {@code shards} contiguous ranges. */
  public static SlotMap evenlySplit(int shards) {
    if (shards < 1 || shards > KeySlot.SLOTS) {
      throw new IllegalArgumentException("shards must be 1.." + KeySlot.SLOTS);
    }
    SlotMap map = new SlotMap(shards);
    for (int slot = 0; slot < KeySlot.SLOTS; slot++) {
      map.shardOfSlot[slot] = (short) ((long) slot * shards / KeySlot.SLOTS);
    }
    return map;
  }

  public int shardCount() {
    return shards;
  }

  public int shardOf(int slot) {
    return shardOfSlot[slot];
  }

  public int shardOfKey(byte[] key) {
    return shardOfSlot[KeySlot.slot(key)];
  }
}

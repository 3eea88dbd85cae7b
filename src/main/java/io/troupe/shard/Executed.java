package io.troupe.shard;

import io.troupe.resp.Reply;

/**
 * Replies to a batch of {@link Op}s, in the order the ops were sent:
 * {@code replies[i]} answers the op with sequence number {@code seqs[i]};
 * {@code nanos[i]}, when present, is how long it ran on the shard (what
 * INFO commandstats, SLOWLOG and the latency monitor report).
 */
public record Executed(int[] seqs, Reply[] replies, long[] nanos) {
  public Executed(int[] seqs, Reply[] replies) {
    this(seqs, replies, null);
  }
}

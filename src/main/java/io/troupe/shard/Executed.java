package io.troupe.shard;

import io.troupe.resp.Reply;

/**
 * Replies to a batch of {@link Op}s, in the order the ops were sent:
 * {@code replies[i]} answers the op with sequence number {@code seqs[i]}.
 */
public record Executed(int[] seqs, Reply[] replies) {}

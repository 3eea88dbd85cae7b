package io.troupe.pubsub;

import io.troupe.keyspace.GlobPattern;
import io.troupe.resp.Reply;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The node's channels (Redis's pubsub.c): who is subscribed to which channel,
 * pattern and shard channel, and delivery of PUBLISH / SPUBLISH. Thread-safe:
 * connections subscribe and publish from their own actors, shards publish
 * keyspace notifications from theirs; a message reaches a subscriber as a
 * message to its connection actor.
 */
public final class PubSub {
  private static final Reply MESSAGE = Reply.bulk("message");
  private static final Reply PMESSAGE = Reply.bulk("pmessage");
  private static final Reply SMESSAGE = Reply.bulk("smessage");

  /** A channel name with byte-array equality. */
  public record Channel(byte[] name) {
    @Override
    public boolean equals(Object o) {
      return o instanceof Channel c && Arrays.equals(c.name, name);
    }

    @Override
    public int hashCode() {
      return Arrays.hashCode(name);
    }

    @Override
    public String toString() {
      return new String(name, StandardCharsets.ISO_8859_1);
    }
  }

  private final Map<Channel, Set<Subscriber>> channels = new ConcurrentHashMap<>();
  private final Map<Channel, Set<Subscriber>> patterns = new ConcurrentHashMap<>();
  private final Map<Channel, Set<Subscriber>> shardChannels = new ConcurrentHashMap<>();

  public void subscribe(Channel channel, Subscriber s) {
    channels.computeIfAbsent(channel, c -> ConcurrentHashMap.newKeySet()).add(s);
  }

  public void unsubscribe(Channel channel, Subscriber s) {
    remove(channels, channel, s);
  }

  public void psubscribe(Channel pattern, Subscriber s) {
    patterns.computeIfAbsent(pattern, c -> ConcurrentHashMap.newKeySet()).add(s);
  }

  public void punsubscribe(Channel pattern, Subscriber s) {
    remove(patterns, pattern, s);
  }

  public void ssubscribe(Channel channel, Subscriber s) {
    shardChannels.computeIfAbsent(channel, c -> ConcurrentHashMap.newKeySet()).add(s);
  }

  public void sunsubscribe(Channel channel, Subscriber s) {
    remove(shardChannels, channel, s);
  }

  private static void remove(Map<Channel, Set<Subscriber>> map, Channel key, Subscriber s) {
    map.computeIfPresent(key, (k, set) -> {
      set.remove(s);
      return set.isEmpty() ? null : set;
    });
  }

  /** PUBLISH: delivers to the channel's subscribers and matching patterns; returns how many received it. */
  public int publish(byte[] channel, byte[] message) {
    int receivers = 0;
    Set<Subscriber> subs = channels.get(new Channel(channel));
    if (subs != null) {
      Reply msg = Reply.push(List.of(MESSAGE, Reply.bulk(channel), Reply.bulk(message)));
      for (Subscriber s : subs) {
        s.deliver(msg);
        receivers++;
      }
    }
    for (Map.Entry<Channel, Set<Subscriber>> e : patterns.entrySet()) {
      if (GlobPattern.matches(e.getKey().name(), channel)) {
        Reply msg = Reply.push(List.of(PMESSAGE, Reply.bulk(e.getKey().name()), Reply.bulk(channel),
            Reply.bulk(message)));
        for (Subscriber s : e.getValue()) {
          s.deliver(msg);
          receivers++;
        }
      }
    }
    return receivers;
  }

  /** SPUBLISH: delivers to the shard channel's subscribers. */
  public int spublish(byte[] channel, byte[] message) {
    Set<Subscriber> subs = shardChannels.get(new Channel(channel));
    if (subs == null) {
      return 0;
    }
    Reply msg = Reply.push(List.of(SMESSAGE, Reply.bulk(channel), Reply.bulk(message)));
    for (Subscriber s : subs) {
      s.deliver(msg);
    }
    return subs.size();
  }

  /** PUBSUB CHANNELS / SHARDCHANNELS: active channels matching {@code pattern} (null = all). */
  public List<byte[]> channels(byte[] pattern, boolean shard) {
    List<byte[]> out = new ArrayList<>();
    for (Channel c : (shard ? shardChannels : channels).keySet()) {
      if (pattern == null || GlobPattern.matches(pattern, c.name())) {
        out.add(c.name());
      }
    }
    return out;
  }

  /** PUBSUB NUMSUB / SHARDNUMSUB: subscribers of one channel. */
  public int numsub(byte[] channel, boolean shard) {
    Set<Subscriber> subs = (shard ? shardChannels : channels).get(new Channel(channel));
    return subs == null ? 0 : subs.size();
  }

  /** PUBSUB NUMPAT: patterns with at least one subscriber. */
  public int numpat() {
    return patterns.size();
  }

  /** Whether anyone listens on any channel or pattern (keyspace notifications skip work when not). */
  public boolean hasSubscribers() {
    return !channels.isEmpty() || !patterns.isEmpty();
  }
}

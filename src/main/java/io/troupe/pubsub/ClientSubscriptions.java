package io.troupe.pubsub;

import io.troupe.resp.Reply;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * One client's channels, patterns and shard channels, and the confirmation
 * replies (P|S)(UN)SUBSCRIBE send, one per channel, as Redis does. Owned by
 * the client's connection actor.
 */
public final class ClientSubscriptions {
  private final PubSub hub;
  private final Subscriber self;
  private final Set<PubSub.Channel> channels = new LinkedHashSet<>();
  private final Set<PubSub.Channel> patterns = new LinkedHashSet<>();
  private final Set<PubSub.Channel> shardChannels = new LinkedHashSet<>();

  public ClientSubscriptions(PubSub hub, Subscriber self) {
    this.hub = hub;
    this.self = self;
  }

  public PubSub hub() {
    return hub;
  }

  /** Channels plus patterns: the count SUBSCRIBE and PSUBSCRIBE report. */
  public int count() {
    return channels.size() + patterns.size();
  }

  public int channelCount() {
    return channels.size();
  }

  public int patternCount() {
    return patterns.size();
  }

  public int shardCount() {
    return shardChannels.size();
  }

  /** Whether the client is in subscribed mode (any subscription at all). */
  public boolean active() {
    return count() + shardChannels.size() > 0;
  }

  public Reply subscribe(byte[][] names) {
    List<Reply> out = new ArrayList<>();
    for (byte[] n : names) {
      PubSub.Channel c = new PubSub.Channel(n);
      if (channels.add(c)) {
        hub.subscribe(c, self);
      }
      out.add(confirm("subscribe", n, count()));
    }
    return new Reply.Sequence(out);
  }

  public Reply psubscribe(byte[][] names) {
    List<Reply> out = new ArrayList<>();
    for (byte[] n : names) {
      PubSub.Channel c = new PubSub.Channel(n);
      if (patterns.add(c)) {
        hub.psubscribe(c, self);
      }
      out.add(confirm("psubscribe", n, count()));
    }
    return new Reply.Sequence(out);
  }

  public Reply ssubscribe(byte[][] names) {
    List<Reply> out = new ArrayList<>();
    for (byte[] n : names) {
      PubSub.Channel c = new PubSub.Channel(n);
      if (shardChannels.add(c)) {
        hub.ssubscribe(c, self);
      }
      out.add(confirm("ssubscribe", n, shardChannels.size()));
    }
    return new Reply.Sequence(out);
  }

  /** UNSUBSCRIBE [channel ...]: no names means every channel. */
  public Reply unsubscribe(byte[][] names) {
    return leave("unsubscribe", channels, names, hub::unsubscribe, false);
  }

  public Reply punsubscribe(byte[][] names) {
    return leave("punsubscribe", patterns, names, hub::punsubscribe, false);
  }

  public Reply sunsubscribe(byte[][] names) {
    return leave("sunsubscribe", shardChannels, names, hub::sunsubscribe, true);
  }

  private interface Leave {
    void apply(PubSub.Channel c, Subscriber s);
  }

  private Reply leave(String kind, Set<PubSub.Channel> set, byte[][] names, Leave hubLeave, boolean shard) {
    List<Reply> out = new ArrayList<>();
    if (names.length == 0) {
      if (set.isEmpty()) {
        out.add(Reply.push(List.of(Reply.bulk(kind), Reply.NULL_BULK, Reply.integer(shard ? 0 : count()))));
      }
      for (PubSub.Channel c : new ArrayList<>(set)) {
        set.remove(c);
        hubLeave.apply(c, self);
        out.add(confirm(kind, c.name(), shard ? shardChannels.size() : count()));
      }
    } else {
      for (byte[] n : names) {
        PubSub.Channel c = new PubSub.Channel(n);
        if (set.remove(c)) {
          hubLeave.apply(c, self);
        }
        out.add(confirm(kind, n, shard ? shardChannels.size() : count()));
      }
    }
    return new Reply.Sequence(out);
  }

  /** Leaves everything (RESET, disconnect). */
  public void clear() {
    for (PubSub.Channel c : channels) {
      hub.unsubscribe(c, self);
    }
    for (PubSub.Channel c : patterns) {
      hub.punsubscribe(c, self);
    }
    for (PubSub.Channel c : shardChannels) {
      hub.sunsubscribe(c, self);
    }
    channels.clear();
    patterns.clear();
    shardChannels.clear();
  }

  private static Reply confirm(String kind, byte[] name, int count) {
    return Reply.push(List.of(Reply.bulk(kind), Reply.bulk(name), Reply.integer(count)));
  }
}

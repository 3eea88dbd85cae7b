package io.troupe.pubsub;

import io.troupe.config.Param;
import io.troupe.keyspace.KeyspaceEvents;
import java.nio.charset.StandardCharsets;

/**
 * Keyspace notifications (Redis's notify.c): publishes an event on
 * {@code __keyspace@<db>__:<key>} (message: the event) and on
 * {@code __keyevent@<db>__:<event>} (message: the key), as the classes
 * enabled by {@code notify-keyspace-events} ask.
 */
public final class Notifier implements KeyspaceEvents {
  private final PubSub pubsub;
  private volatile int flags;

  public Notifier(PubSub pubsub, Param notifyKeyspaceEvents) {
    this.pubsub = pubsub;
    this.flags = parse(notifyKeyspaceEvents.text());
    notifyKeyspaceEvents.onChange(p -> flags = parse(p.text()));
  }

  /** The flags of a notify-keyspace-events string ("KEA", "Ex", ...); -1 when it has an unknown letter. */
  public static int parse(String classes) {
    int f = 0;
    for (char c : classes.toCharArray()) {
      f |= switch (c) {
        case 'A' -> GENERIC | STRING | LIST | SET | HASH | ZSET | EXPIRED | EVICTED | STREAM | MODULE;
        case 'g' -> GENERIC;
        case '$' -> STRING;
        case 'l' -> LIST;
        case 's' -> SET;
        case 'h' -> HASH;
        case 'z' -> ZSET;
        case 'x' -> EXPIRED;
        case 'e' -> EVICTED;
        case 'K' -> KEYSPACE;
        case 'E' -> KEYEVENT;
        case 't' -> STREAM;
        case 'm' -> KEY_MISS;
        case 'd' -> MODULE;
        case 'n' -> NEW;
        default -> 0;
      };
    }
    return f;
  }

  @Override
  public void notify(int type, String event, byte[] key, int db) {
    int f = flags;
    if ((f & type) == 0 || (f & (KEYSPACE | KEYEVENT)) == 0) {
      return;
    }
    byte[] eventBytes = event.getBytes(StandardCharsets.US_ASCII);
    if ((f & KEYSPACE) != 0) {
      pubsub.publish(concat("__keyspace@" + db + "__:", key), eventBytes);
    }
    if ((f & KEYEVENT) != 0) {
      pubsub.publish(("__keyevent@" + db + "__:" + event).getBytes(StandardCharsets.US_ASCII), key);
    }
  }

  private static byte[] concat(String prefix, byte[] key) {
    byte[] p = prefix.getBytes(StandardCharsets.US_ASCII);
    byte[] out = new byte[p.length + key.length];
    System.arraycopy(p, 0, out, 0, p.length);
    System.arraycopy(key, 0, out, p.length, key.length);
    return out;
  }
}

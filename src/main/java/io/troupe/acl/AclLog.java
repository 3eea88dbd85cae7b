package io.troupe.acl;

import io.troupe.resp.Reply;
import java.util.ArrayList;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.function.LongSupplier;

/**
 * ACL LOG (Redis 7.0): the most recent denials, newest first, at most
 * acllog-max-len of them. A denial equal to a recent one (same reason,
 * context, object and user, within 60 seconds) bumps that entry's count,
 * refreshes its time and client info, and moves it to the front.
 */
public final class AclLog {
  private static final long GROUPING_MILLIS = 60_000;

  private static final class Entry {
    long count = 1;
    final String reason;
    final String context;
    final String object;
    final String username;
    long createdMillis;
    String clientInfo;

    Entry(String reason, String context, String object, String username, long now, String clientInfo) {
      this.reason = reason;
      this.context = context;
      this.object = object;
      this.username = username;
      this.createdMillis = now;
      this.clientInfo = clientInfo;
    }
  }

  private final Deque<Entry> entries = new ArrayDeque<>();
  private final LongSupplier maxLen;

  AclLog(LongSupplier maxLen) {
    this.maxLen = maxLen;
  }

  /**
   * Records a denial. {@code reason} is "command", "key", "channel" or
   * "auth"; {@code context} "toplevel", "multi", "lua" or "module".
   */
  public synchronized void add(String reason, String context, String object, String username,
      String clientInfo) {
    long now = System.currentTimeMillis();
    Entry match = null;
    for (Entry e : entries) {
      if (e.reason.equals(reason) && e.context.equals(context) && e.object.equals(object)
          && e.username.equals(username) && now - e.createdMillis < GROUPING_MILLIS) {
        match = e;
        break;
      }
    }
    if (match != null) {
      entries.remove(match);
      match.count++;
      match.createdMillis = now;
      match.clientInfo = clientInfo;
      entries.addFirst(match);
    } else {
      entries.addFirst(new Entry(reason, context, object, username, now, clientInfo));
    }
    trim();
  }

  private void trim() {
    long max = maxLen.getAsLong();
    while (entries.size() > max) {
      entries.removeLast();
    }
  }

  public synchronized void reset() {
    entries.clear();
  }

  public synchronized int size() {
    return entries.size();
  }

  /** ACL LOG [count]: up to {@code count} entries, newest first, as 7.0's maps of seven fields. */
  public synchronized Reply reply(long count) {
    trim();
    long now = System.currentTimeMillis();
    List<Reply> out = new ArrayList<>();
    for (Entry e : entries) {
      if (out.size() >= count) {
        break;
      }
      out.add(Reply.map(List.of(
          Reply.bulk("count"), Reply.integer(e.count),
          Reply.bulk("reason"), Reply.bulk(e.reason),
          Reply.bulk("context"), Reply.bulk(e.context),
          Reply.bulk("object"), Reply.bulk(Acl.bytes(e.object)),
          Reply.bulk("username"), Reply.bulk(Acl.bytes(e.username)),
          Reply.bulk("age-seconds"), Reply.dbl((now - e.createdMillis) / 1000.0),
          Reply.bulk("client-info"), Reply.bulk(e.clientInfo))));
    }
    return Reply.array(out);
  }
}

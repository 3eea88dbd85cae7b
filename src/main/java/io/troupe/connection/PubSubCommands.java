package io.troupe.connection;

import io.troupe.command.CommandTable;
import io.troupe.command.HelpReply;
import io.troupe.command.Session;
import io.troupe.pubsub.PubSub;
import io.troupe.resp.Reply;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Pub/Sub commands (Redis's pubsub.c): (P|S)SUBSCRIBE, (P|S)UNSUBSCRIBE,
 * PUBLISH, SPUBLISH and PUBSUB. The channels live in {@link PubSub}; each
 * connection keeps its own subscriptions.
 */
public final class PubSubCommands {
  private PubSubCommands() {}

  public static void bind(CommandTable t) {
    t.session("subscribe", (s, argv) -> changed(s, s.subscriptions().subscribe(rest(argv, 1))));
    t.session("psubscribe", (s, argv) -> changed(s, s.subscriptions().psubscribe(rest(argv, 1))));
    t.session("ssubscribe", (s, argv) -> changed(s, s.subscriptions().ssubscribe(rest(argv, 1))));
    t.session("unsubscribe", (s, argv) -> changed(s, s.subscriptions().unsubscribe(rest(argv, 1))));
    t.session("punsubscribe", (s, argv) -> changed(s, s.subscriptions().punsubscribe(rest(argv, 1))));
    t.session("sunsubscribe", (s, argv) -> changed(s, s.subscriptions().sunsubscribe(rest(argv, 1))));
    t.session("publish", PubSubCommands::publish);
    t.session("spublish", PubSubCommands::spublish);
    t.session("pubsub|channels", (s, argv) -> channels(s, argv, false));
    t.session("pubsub|shardchannels", (s, argv) -> channels(s, argv, true));
    t.session("pubsub|numsub", (s, argv) -> numsub(s, argv, false));
    t.session("pubsub|shardnumsub", (s, argv) -> numsub(s, argv, true));
    t.session("pubsub|numpat", (s, argv) -> Reply.integer(s.subscriptions().hub().numpat()));
    t.session("pubsub|help", PubSubCommands::help);
  }

  private static byte[][] rest(byte[][] argv, int from) {
    return Arrays.copyOfRange(argv, from, argv.length);
  }

  private static Reply changed(Session s, Reply confirmations) {
    s.subscriptionsChanged();
    return confirmations;
  }

  /** PUBLISH channel message */
  static Reply publish(Session s, byte[][] argv) {
    return Reply.integer(s.subscriptions().hub().publish(argv[1], argv[2]));
  }

  /** SPUBLISH shardchannel message */
  static Reply spublish(Session s, byte[][] argv) {
    return Reply.integer(s.subscriptions().hub().spublish(argv[1], argv[2]));
  }

  /** PUBSUB CHANNELS [pattern] and PUBSUB SHARDCHANNELS [pattern] */
  static Reply channels(Session s, byte[][] argv, boolean shard) {
    List<Reply> out = new ArrayList<>();
    for (byte[] c : s.subscriptions().hub().channels(argv.length > 2 ? argv[2] : null, shard)) {
      out.add(Reply.bulk(c));
    }
    return Reply.array(out);
  }

  /** PUBSUB NUMSUB [channel ...] and PUBSUB SHARDNUMSUB [shardchannel ...] */
  static Reply numsub(Session s, byte[][] argv, boolean shard) {
    List<Reply> out = new ArrayList<>();
    for (int i = 2; i < argv.length; i++) {
      out.add(Reply.bulk(argv[i]));
      out.add(Reply.integer(s.subscriptions().hub().numsub(argv[i], shard)));
    }
    return Reply.array(out);
  }

  /** PUBSUB HELP */
  static Reply help(Session s, byte[][] argv) {
    return HelpReply.of("PUBSUB <subcommand> [<arg> [value] [opt] ...]. Subcommands are:",
        "CHANNELS [<pattern>]",
        "    Return the currently active channels matching a <pattern> (default: '*').",
        "NUMPAT",
        "    Return number of subscriptions to patterns.",
        "NUMSUB [<channel> ...]",
        "    Return the number of subscribers for the specified channels, excluding",
        "    pattern subscriptions(default: no channels).",
        "SHARDCHANNELS [<pattern>]",
        "    Return the currently active shard level channels matching a <pattern> (default: '*').",
        "SHARDNUMSUB [<shardchannel> ...]",
        "    Return the number of subscribers for the specified shard level channel(s)",
        "HELP",
        "    Prints this help.");
  }
}

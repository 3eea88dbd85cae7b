package io.troupe.connection;

import io.troupe.command.ClientInfo;
import io.troupe.command.CommandTable;
import io.troupe.command.HelpReply;
import io.troupe.command.Session;
import io.troupe.command.TrackingMode;
import io.troupe.resp.CommandException;
import io.troupe.resp.Reply;
import io.troupe.resp.RespErrors;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The CLIENT subcommands Troupe has (Redis's clientCommand in networking.c):
 * ID, SETNAME, GETNAME, LIST, INFO, KILL, REPLY, NO-EVICT, PAUSE, UNPAUSE,
 * TRACKING, CACHING, GETREDIR, TRACKINGINFO, HELP. Redis 7.0 has neither
 * CLIENT SETINFO nor CLIENT NO-TOUCH (both came with 7.2).
 */
final class ClientCommands {
  private ClientCommands() {}

  static void bind(CommandTable t) {
    t.session("client|id", ClientCommands::id);
    t.session("client|setname", ClientCommands::setName);
    t.session("client|getname", ClientCommands::getName);
    t.session("client|list", ClientCommands::list);
    t.session("client|info", ClientCommands::info);
    t.session("client|kill", ClientCommands::kill);
    t.session("client|reply", ClientCommands::reply);
    t.session("client|no-evict", ClientCommands::noEvict);
    t.session("client|help", ClientCommands::help);
    t.session("client|pause", ClientCommands::pause);
    t.session("client|unpause", ClientCommands::unpause);
    t.session("client|tracking", ClientCommands::tracking);
    t.session("client|caching", ClientCommands::caching);
    t.session("client|getredir", ClientCommands::getRedir);
    t.session("client|trackinginfo", ClientCommands::trackingInfo);
  }

  /** CLIENT PAUSE timeout [WRITE | ALL] */
  static Reply pause(Session s, byte[][] argv) {
    long timeout;
    try {
      timeout = Long.parseLong(Args.text(argv[2]));
    } catch (NumberFormatException e) {
      throw new CommandException(RespErrors.TIMEOUT_NOT_INTEGER);
    }
    if (timeout < 0) {
      throw new CommandException(RespErrors.TIMEOUT_NEGATIVE);
    }
    boolean all = true;
    if (argv.length == 4) {
      if (Args.is(argv[3], "WRITE")) {
        all = false;
      } else if (!Args.is(argv[3], "ALL")) {
        throw new CommandException(RespErrors.PAUSE_MODE);
      }
    } else if (argv.length > 4) {
      throw new CommandException(RespErrors.SYNTAX);
    }
    s.server().introspection().pause().pause(timeout, all);
    return Reply.OK;
  }

  /** CLIENT UNPAUSE */
  static Reply unpause(Session s, byte[][] argv) {
    s.server().introspection().pause().unpause();
    return Reply.OK;
  }

  /** CLIENT TRACKING ON|OFF [REDIRECT client-id] [PREFIX prefix [PREFIX prefix ...]] [BCAST] [OPTIN] [OPTOUT] [NOLOOP] */
  static Reply tracking(Session s, byte[][] argv) {
    long redirect = 0;
    boolean bcast = false;
    boolean optin = false;
    boolean optout = false;
    boolean noloop = false;
    List<byte[]> prefixes = new ArrayList<>();
    for (int i = 3; i < argv.length; i++) {
      boolean more = i + 1 < argv.length;
      if (Args.is(argv[i], "REDIRECT") && more) {
        i++;
        redirect = Args.parseLong(argv[i], RespErrors.NOT_INTEGER);
        if (s.server().client(redirect) == null) {
          throw new CommandException(RespErrors.TRACKING_NO_REDIRECT_CLIENT);
        }
      } else if (Args.is(argv[i], "BCAST")) {
        bcast = true;
      } else if (Args.is(argv[i], "OPTIN")) {
        optin = true;
      } else if (Args.is(argv[i], "OPTOUT")) {
        optout = true;
      } else if (Args.is(argv[i], "NOLOOP")) {
        noloop = true;
      } else if (Args.is(argv[i], "PREFIX") && more) {
        prefixes.add(argv[++i]);
      } else {
        throw new CommandException(RespErrors.SYNTAX);
      }
    }
    TrackingMode current = s.tracking();
    if (Args.is(argv[2], "ON")) {
      if (!bcast && !prefixes.isEmpty()) {
        throw new CommandException(RespErrors.TRACKING_PREFIX_NEEDS_BCAST);
      }
      if (current != null && current.bcast() != bcast) {
        throw new CommandException(RespErrors.TRACKING_BCAST_SWITCH);
      }
      if (bcast && (optin || optout)) {
        throw new CommandException(RespErrors.TRACKING_OPTIN_OPTOUT_WITH_BCAST);
      }
      if (optin && optout) {
        throw new CommandException(RespErrors.TRACKING_OPTIN_OPTOUT);
      }
      if (current != null && (optin && current.optout() || optout && current.optin())) {
        throw new CommandException(RespErrors.TRACKING_OPT_SWITCH);
      }
      List<byte[]> all = new ArrayList<>();
      if (bcast) {
        List<byte[]> existing = current == null ? List.of() : current.prefixes();
        checkPrefixes(existing, prefixes);
        all.addAll(existing);
        all.addAll(prefixes);
      }
      s.setTracking(new TrackingMode(redirect, bcast, optin, optout, noloop, List.copyOf(all)));
    } else if (Args.is(argv[2], "OFF")) {
      if (current != null) {
        s.setTracking(null);
      }
    } else {
      throw new CommandException(RespErrors.SYNTAX);
    }
    return Reply.OK;
  }

  /** checkPrefixCollisionsOrReply: no new prefix may start another, existing or new. */
  private static void checkPrefixes(List<byte[]> existing, List<byte[]> added) {
    for (int i = 0; i < added.size(); i++) {
      for (byte[] e : existing) {
        if (overlap(e, added.get(i))) {
          throw new CommandException(RespErrors.trackingPrefixOverlap(Args.text(added.get(i)), Args.text(e), false));
        }
      }
      for (int j = i + 1; j < added.size(); j++) {
        if (overlap(added.get(i), added.get(j))) {
          throw new CommandException(
              RespErrors.trackingPrefixOverlap(Args.text(added.get(i)), Args.text(added.get(j)), true));
        }
      }
    }
  }

  private static boolean overlap(byte[] a, byte[] b) {
    int n = Math.min(a.length, b.length);
    for (int i = 0; i < n; i++) {
      if (a[i] != b[i]) {
        return false;
      }
    }
    return true;
  }

  /** CLIENT CACHING YES|NO */
  static Reply caching(Session s, byte[][] argv) {
    TrackingMode t = s.tracking();
    if (t == null || !t.optin() && !t.optout()) {
      throw new CommandException(RespErrors.CACHING_NOT_OPT);
    }
    if (Args.is(argv[2], "YES")) {
      if (!t.optin()) {
        throw new CommandException(RespErrors.CACHING_YES_NEEDS_OPTIN);
      }
      s.setTrackingCaching(1);
    } else if (Args.is(argv[2], "NO")) {
      if (!t.optout()) {
        throw new CommandException(RespErrors.CACHING_NO_NEEDS_OPTOUT);
      }
      s.setTrackingCaching(-1);
    } else {
      throw new CommandException(RespErrors.SYNTAX);
    }
    return Reply.OK;
  }

  /** CLIENT GETREDIR */
  static Reply getRedir(Session s, byte[][] argv) {
    TrackingMode t = s.tracking();
    return Reply.integer(t == null ? -1 : t.redirect());
  }

  /** CLIENT TRACKINGINFO */
  static Reply trackingInfo(Session s, byte[][] argv) {
    TrackingMode t = s.tracking();
    List<Reply> flags = new ArrayList<>();
    if (t == null) {
      flags.add(Reply.bulk("off"));
    } else {
      flags.add(Reply.bulk("on"));
      if (t.bcast()) {
        flags.add(Reply.bulk("bcast"));
      }
      if (t.optin()) {
        flags.add(Reply.bulk("optin"));
        if (s.trackingCaching() > 0) {
          flags.add(Reply.bulk("caching-yes"));
        }
      }
      if (t.optout()) {
        flags.add(Reply.bulk("optout"));
        if (s.trackingCaching() < 0) {
          flags.add(Reply.bulk("caching-no"));
        }
      }
      if (t.noloop()) {
        flags.add(Reply.bulk("noloop"));
      }
      if (s.trackingRedirectBroken()) {
        flags.add(Reply.bulk("broken_redirect"));
      }
    }
    List<Reply> prefixes = new ArrayList<>();
    if (t != null) {
      for (byte[] p : t.prefixes()) {
        prefixes.add(Reply.bulk(p));
      }
    }
    return Reply.map(List.of(Reply.bulk("flags"), Reply.set(flags),
        Reply.bulk("redirect"), Reply.integer(t == null ? -1 : t.redirect()),
        Reply.bulk("prefixes"), Reply.array(prefixes)));
  }

  /** CLIENT ID */
  static Reply id(Session s, byte[][] argv) {
    return Reply.integer(s.clientId());
  }

  /** CLIENT SETNAME connection-name */
  static Reply setName(Session s, byte[][] argv) {
    s.setClientName(validName(argv[2]));
    return Reply.OK;
  }

  /**
   * The name as a string when every byte is printable ASCII other than space
   * ('!' to '~'); an empty name clears it. Throws Redis's error otherwise.
   * Used by CLIENT SETNAME and HELLO ... SETNAME.
   */
  static String validName(byte[] name) {
    for (byte b : name) {
      if (b < '!' || b > '~') {
        throw new CommandException(RespErrors.CLIENT_NAME_INVALID);
      }
    }
    return new String(name, StandardCharsets.US_ASCII);
  }

  /** CLIENT GETNAME */
  static Reply getName(Session s, byte[][] argv) {
    String name = s.clientName();
    return name == null || name.isEmpty() ? Reply.NULL_BULK : Reply.bulk(name);
  }

  /** CLIENT LIST [TYPE NORMAL|MASTER|REPLICA|PUBSUB] [ID client-id [client-id ...]] */
  static Reply list(Session s, byte[][] argv) {
    long now = System.currentTimeMillis();
    StringBuilder out = new StringBuilder();
    if (argv.length == 2) {
      for (ClientInfo c : s.server().clients()) {
        ClientListFormat.append(out, c, s, argv, now).append('\n');
      }
    } else if (argv.length == 4 && Args.is(argv[2], "TYPE")) {
      ClientType type = ClientType.parse(argv[3]);
      for (ClientInfo c : s.server().clients()) {
        if (ClientType.of(c) == type) {
          ClientListFormat.append(out, c, s, argv, now).append('\n');
        }
      }
    } else if (argv.length > 3 && Args.is(argv[2], "ID")) {
      for (int j = 3; j < argv.length; j++) {
        long id = Args.parseLong(argv[j], RespErrors.INVALID_CLIENT_ID);
        ClientInfo c = s.server().client(id);
        if (c != null) {
          ClientListFormat.append(out, c, s, argv, now).append('\n');
        }
      }
    } else {
      throw new CommandException(RespErrors.SYNTAX);
    }
    return Reply.verbatim(out.toString());
  }

  /** CLIENT INFO */
  static Reply info(Session s, byte[][] argv) {
    StringBuilder out = new StringBuilder();
    ClientListFormat.append(out, s.info(), s, argv, System.currentTimeMillis()).append('\n');
    return Reply.verbatim(out.toString());
  }

  /**
   * CLIENT KILL ip:port | CLIENT KILL [ID client-id] [TYPE NORMAL|MASTER|SLAVE|REPLICA|PUBSUB]
   * [USER username] [ADDR ip:port] [LADDR ip:port] [SKIPME YES|NO] ...
   */
  static Reply kill(Session s, byte[][] argv) {
    String addr = null;
    String laddr = null;
    long id = 0;
    String user = null;
    ClientType type = null;
    boolean skipMe = true;
    boolean oldForm = argv.length == 3;
    if (oldForm) {
      addr = Args.text(argv[2]);
      skipMe = false; // the old form kills whatever matches, the caller included
    } else {
      for (int i = 2; i < argv.length; i += 2) {
        boolean more = i + 1 < argv.length;
        if (!more) {
          throw new CommandException(RespErrors.SYNTAX);
        }
        byte[] value = argv[i + 1];
        if (Args.is(argv[i], "ID")) {
          id = Args.parseLong(value, RespErrors.CLIENT_ID_NOT_POSITIVE);
          if (id < 1) {
            throw new CommandException(RespErrors.CLIENT_ID_NOT_POSITIVE);
          }
        } else if (Args.is(argv[i], "TYPE")) {
          type = ClientType.parse(value);
        } else if (Args.is(argv[i], "ADDR")) {
          addr = Args.text(value);
        } else if (Args.is(argv[i], "LADDR")) {
          laddr = Args.text(value);
        } else if (Args.is(argv[i], "USER")) {
          user = Args.text(value);
          if (((io.troupe.acl.AclSession) s).acl().user(user) == null) {
            throw new CommandException(RespErrors.noSuchUser(user));
          }
        } else if (Args.is(argv[i], "SKIPME")) {
          if (Args.is(value, "YES")) {
            skipMe = true;
          } else if (Args.is(value, "NO")) {
            skipMe = false;
          } else {
            throw new CommandException(RespErrors.SYNTAX);
          }
        } else {
          throw new CommandException(RespErrors.SYNTAX);
        }
      }
    }
    List<ClientInfo> victims = new ArrayList<>();
    for (ClientInfo c : s.server().clients()) {
      if ((addr != null && !addr.equals(c.addr))
          || (laddr != null && !laddr.equals(c.laddr))
          || (type != null && ClientType.of(c) != type)
          || (user != null && !user.equals(c.user))
          || (id != 0 && c.id != id)
          || (skipMe && c.id == s.clientId())) {
        continue;
      }
      victims.add(c);
    }
    for (ClientInfo c : victims) {
      if (c.id == s.clientId()) {
        s.closeAfterReply(); // answer first, then close, as Redis does
      } else {
        c.kill();
      }
    }
    if (oldForm) {
      if (victims.isEmpty()) {
        throw new CommandException(RespErrors.NO_SUCH_CLIENT);
      }
      return Reply.OK;
    }
    return Reply.integer(victims.size());
  }

  /** CLIENT REPLY ON|OFF|SKIP */
  static Reply reply(Session s, byte[][] argv) {
    if (Args.is(argv[2], "ON")) {
      s.setReplyMode("on");
      return Reply.OK;
    } else if (Args.is(argv[2], "OFF")) {
      s.setReplyMode("off");
      return Reply.OK; // suppressed, as is everything after it
    } else if (Args.is(argv[2], "SKIP")) {
      s.setReplyMode("skip");
      return Reply.OK; // suppressed, as is the next command's reply
    }
    throw new CommandException(RespErrors.SYNTAX);
  }

  /** CLIENT NO-EVICT ON|OFF */
  static Reply noEvict(Session s, byte[][] argv) {
    if (Args.is(argv[2], "ON")) {
      s.info().noEvict = true;
    } else if (Args.is(argv[2], "OFF")) {
      s.info().noEvict = false;
    } else {
      throw new CommandException(RespErrors.SYNTAX);
    }
    return Reply.OK;
  }

  /** CLIENT HELP */
  static Reply help(Session s, byte[][] argv) {
    return HelpReply.of("CLIENT",
        "CACHING (YES|NO)",
        "    Enable/disable tracking of the keys for next command in OPTIN/OPTOUT modes.",
        "GETREDIR",
        "    Return the client ID we are redirecting to when tracking is enabled.",
        "GETNAME",
        "    Return the name of the current connection.",
        "ID",
        "    Return the ID of the current connection.",
        "INFO",
        "    Return information about the current client connection.",
        "KILL <ip:port>",
        "    Kill connection made from <ip:port>.",
        "KILL <option> <value> [<option> <value> [...]]",
        "    Kill connections. Options are:",
        "    * ADDR (<ip:port>|<unixsocket>:0)",
        "      Kill connections made from the specified address",
        "    * LADDR (<ip:port>|<unixsocket>:0)",
        "      Kill connections made to specified local address",
        "    * TYPE (NORMAL|MASTER|REPLICA|PUBSUB)",
        "      Kill connections by type.",
        "    * USER <username>",
        "      Kill connections authenticated by <username>.",
        "    * SKIPME (YES|NO)",
        "      Skip killing current connection (default: yes).",
        "LIST [options ...]",
        "    Return information about client connections. Options:",
        "    * TYPE (NORMAL|MASTER|REPLICA|PUBSUB)",
        "      Return clients of specified type.",
        "UNPAUSE",
        "    Stop the current client pause, resuming traffic.",
        "PAUSE <timeout> [WRITE|ALL]",
        "    Suspend all, or just write, clients for <timeout> milliseconds.",
        "REPLY (ON|OFF|SKIP)",
        "    Control the replies sent to the current connection.",
        "SETNAME <name>",
        "    Assign the name <name> to the current connection.",
        "UNBLOCK <clientid> [TIMEOUT|ERROR]",
        "    Unblock the specified blocked client.",
        "TRACKING (ON|OFF) [REDIRECT <id>] [BCAST] [PREFIX <prefix> [...]]",
        "         [OPTIN] [OPTOUT] [NOLOOP]",
        "    Control server assisted client side caching.",
        "TRACKINGINFO",
        "    Report tracking status for the current connection.",
        "NO-EVICT (ON|OFF)",
        "    Protect current client connection from eviction.");
  }

  /** Redis's client types, as CLIENT LIST TYPE and CLIENT KILL TYPE name them. */
  enum ClientType {
    NORMAL, REPLICA, PUBSUB, MASTER;

    static ClientType parse(byte[] name) {
      String n = new String(name, StandardCharsets.ISO_8859_1);
      switch (n.toLowerCase(java.util.Locale.ROOT)) {
        case "normal":
          return NORMAL;
        case "slave":
        case "replica":
          return REPLICA;
        case "pubsub":
          return PUBSUB;
        case "master":
          return MASTER;
        default:
          throw new CommandException(RespErrors.unknownClientType(Args.text(name)));
      }
    }

    /** Redis's getClientType: master, then replica, then subscribed, else normal. */
    static ClientType of(ClientInfo c) {
      if (c.master) {
        return MASTER;
      }
      if (c.replica) {
        return REPLICA;
      }
      return c.pubsub() ? PUBSUB : NORMAL;
    }
  }
}

package io.troupe.acl;

import io.troupe.resp.RespErrors;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * What a user is allowed (Redis's {@code user} struct minus the name):
 * on/off, nopass, the sanitize-payload flags, SHA-256 password hashes, the
 * root selector and any further selectors. Built by applying ACL SETUSER
 * rules to a {@link #copy()}, then published whole: readers never see a
 * half-applied ACL SETUSER.
 */
final class Rules {
  private static final int SANITIZE = 1;
  private static final int SKIP_SANITIZE = 2;

  private final CommandIds ids;
  private boolean enabled;
  private boolean nopass;
  private int sanitize;
  private final Set<String> passwords = new LinkedHashSet<>();
  private Selector root;
  private final List<Selector> selectors = new ArrayList<>();

  /** A new user's rules: off, no passwords, no commands, no keys; channels per acl-pubsub-default. */
  Rules(CommandIds ids, boolean allChannelsByDefault) {
    this.ids = ids;
    this.root = new Selector(ids);
    if (allChannelsByDefault) {
      root.apply("allchannels");
    }
  }

  Rules copy() {
    Rules r = new Rules(ids, false);
    r.enabled = enabled;
    r.nopass = nopass;
    r.sanitize = sanitize;
    r.passwords.addAll(passwords);
    r.root = root.copy();
    for (Selector s : selectors) {
      r.selectors.add(s.copy());
    }
    return r;
  }

  boolean enabled() {
    return enabled;
  }

  boolean nopass() {
    return nopass;
  }

  Set<String> passwords() {
    return passwords;
  }

  Selector root() {
    return root;
  }

  List<Selector> selectors() {
    return selectors;
  }

  /**
   * Applies one ACL SETUSER rule; throws AclRuleException with Redis's reason.
   * {@code allChannelsByDefault} is acl-pubsub-default (for "reset").
   */
  void apply(String op, boolean allChannelsByDefault) {
    if (op.length() >= 2 && op.charAt(0) == '(' && op.charAt(op.length() - 1) == ')') {
      Selector s = new Selector(ids);
      if (allChannelsByDefault) {
        s.apply("allchannels");
      }
      for (String part : op.substring(1, op.length() - 1).split(" ")) {
        if (!part.isEmpty()) {
          s.apply(part);
        }
      }
      selectors.add(s);
      return;
    }
    switch (op.toLowerCase(Locale.ROOT)) {
      case "on" -> enabled = true;
      case "off" -> enabled = false;
      case "skip-sanitize-payload" -> sanitize = SKIP_SANITIZE;
      case "sanitize-payload" -> sanitize = SANITIZE;
      case "nopass" -> {
        nopass = true;
        passwords.clear();
      }
      case "resetpass" -> {
        nopass = false;
        passwords.clear();
      }
      case "clearselectors" -> selectors.clear();
      case "reset" -> {
        apply("resetpass", allChannelsByDefault);
        root.apply("resetkeys");
        root.apply("resetchannels");
        if (allChannelsByDefault) {
          root.apply("allchannels");
        }
        enabled = false;
        sanitize = SANITIZE;
        selectors.clear();
        root.apply("-@all");
      }
      default -> applyPasswordOrSelector(op);
    }
  }

  private void applyPasswordOrSelector(String op) {
    char c0 = op.isEmpty() ? 0 : op.charAt(0);
    if (c0 == '>' || c0 == '<') {
      String hash = hash(op.substring(1).getBytes(StandardCharsets.ISO_8859_1));
      if (c0 == '>') {
        passwords.add(hash);
        nopass = false;
      } else if (!passwords.remove(hash)) {
        throw new AclRuleException(RespErrors.ACL_NO_SUCH_PASSWORD);
      }
    } else if (c0 == '#' || c0 == '!') {
      String hash = op.substring(1);
      if (!isHash(hash)) {
        throw new AclRuleException(RespErrors.ACL_BAD_HASH);
      }
      if (c0 == '#') {
        passwords.add(hash);
        nopass = false;
      } else if (!passwords.remove(hash)) {
        throw new AclRuleException(RespErrors.ACL_NO_SUCH_PASSWORD);
      }
    } else {
      root.apply(op);
    }
  }

  private static boolean isHash(String s) {
    if (s.length() != 64) {
      return false;
    }
    for (int i = 0; i < 64; i++) {
      char ch = s.charAt(i);
      if (!(ch >= '0' && ch <= '9' || ch >= 'a' && ch <= 'f')) {
        return false;
      }
    }
    return true;
  }

  /** The lower-case hex SHA-256 of a password, as Redis stores it. */
  static String hash(byte[] password) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(password));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** True when {@code password} is one of the user's (compared in constant time), or nopass. */
  boolean passwordMatches(byte[] password) {
    if (nopass) {
      return true;
    }
    byte[] h = hash(password).getBytes(StandardCharsets.US_ASCII);
    boolean match = false;
    for (String p : passwords) {
      match |= MessageDigest.isEqual(h, p.getBytes(StandardCharsets.US_ASCII));
    }
    return match;
  }

  /** The flags as ACL GETUSER lists them, in Redis's order. */
  List<String> flags() {
    List<String> f = new ArrayList<>();
    f.add(enabled ? "on" : "off");
    if (nopass) {
      f.add("nopass");
    }
    if (sanitize == SKIP_SANITIZE) {
      f.add("skip-sanitize-payload");
    } else if (sanitize == SANITIZE) {
      f.add("sanitize-payload");
    }
    return f;
  }

  /** Everything after "user name " in ACL LIST and the ACL file. */
  String describe() {
    StringBuilder b = new StringBuilder();
    for (String f : flags()) {
      b.append(f).append(' ');
    }
    for (String p : passwords) {
      b.append('#').append(p).append(' ');
    }
    b.append(root.describe());
    for (Selector s : selectors) {
      b.append(" (").append(s.describe()).append(')');
    }
    return b.toString();
  }
}

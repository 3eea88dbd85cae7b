package io.troupe.acl;

/**
 * A user by name, with its current {@link Rules}. A connection keeps the
 * AclUser it authenticated as and reads {@link #rules()} for each command,
 * so ACL SETUSER takes effect on its next command, as in Redis. ACL SETUSER
 * replaces the rules whole (volatile), so a reader on another connection's
 * thread sees either the old or the new rules, never a mixture.
 */
public final class AclUser {
  private final String name;
  private volatile Rules rules;

  AclUser(String name, Rules rules) {
    this.name = name;
    this.rules = rules;
  }

  public String name() {
    return name;
  }

  Rules rules() {
    return rules;
  }

  void setRules(Rules rules) {
    this.rules = rules;
  }

  /** True when the user is on and has nopass: a new connection starts authenticated as it. */
  public boolean autoAuthenticates() {
    Rules r = rules;
    return r.enabled() && r.nopass();
  }

  /** True when the user has nopass (protected mode applies while the default user has). */
  public boolean nopass() {
    return rules.nopass();
  }
}

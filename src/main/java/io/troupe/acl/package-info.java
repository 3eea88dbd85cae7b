/**
 * Users and permissions (Redis's acl.c): the user registry with passwords,
 * command / category / key / channel rules and Redis 7 selectors
 * ({@link io.troupe.acl.Acl}), the permission check the connection runs
 * after authentication and before routing (processCommand's ACL step), ACL
 * LOG, the ACL file (ACL LOAD / SAVE in Redis's "user name on #hash ~* &*
 * +@all" format), and the ACL command ({@link io.troupe.acl.AclCommands}).
 *
 * <p>Floor: above command (it reads command specs, their ACL categories and
 * key specs), below connection (which authenticates and checks with it).
 * Invariant: a user's {@code Rules} are built on a copy and published whole;
 * a permission check reads them without locks.
 */
package io.troupe.acl;

package io.troupe.management;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code /cluster/members} for a node that runs Pekko's local provider.
 * pekko-management-cluster-http serves this route only with the cluster
 * provider (its route provider starts with {@code Cluster(system)}, which
 * fails on a local ActorSystem), so until the node runs the cluster provider
 * Troupe answers in the same JSON shape (selfNode, members, unreachable,
 * leader, oldest, oldestPerRole), reporting this node alone, Up, as its own
 * leader and oldest member.
 */
final class ClusterMembers {
  /** Pekko's default data-center role, which every cluster member has. */
  static final String DEFAULT_ROLE = "dc-default";

  private ClusterMembers() {}

  static Map<String, Object> singleNode(String address, long uid) {
    Map<String, Object> member = new LinkedHashMap<>();
    member.put("node", address);
    member.put("nodeUid", Long.toString(uid));
    member.put("status", "Up");
    member.put("roles", List.of(DEFAULT_ROLE));
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("selfNode", address);
    out.put("members", List.of(member));
    out.put("unreachable", List.of());
    out.put("leader", address);
    out.put("oldest", address);
    out.put("oldestPerRole", Map.of(DEFAULT_ROLE, address));
    return out;
  }
}

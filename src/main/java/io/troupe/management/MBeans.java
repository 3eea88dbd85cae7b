package io.troupe.management;

import io.troupe.command.ServerContext;
import io.troupe.keyspace.Keyspace;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import javax.management.InstanceAlreadyExistsException;
import javax.management.JMException;
import javax.management.MBeanServer;
import javax.management.ObjectName;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Troupe's MBeans in the platform MBeanServer (where Pekko's cluster MBean
 * lives when the node runs the cluster provider): {@code io.troupe:type=Server}
 * and one {@code io.troupe:type=Shard,name=N} per shard. A name already taken
 * (a second node in the same JVM) is logged and skipped.
 */
final class MBeans {
  private static final Logger log = LoggerFactory.getLogger(MBeans.class);

  static final String SERVER = "io.troupe:type=Server";

  private final MBeanServer mbeans;
  private final List<ObjectName> registered = new ArrayList<>();

  private MBeans(MBeanServer mbeans) {
    this.mbeans = mbeans;
  }

  static String shardName(int shard) {
    return "io.troupe:type=Shard,name=" + shard;
  }

  /** Registers the server bean and one bean per shard of {@code server.keyspaces()}. */
  static MBeans register(ServerContext server, Supplier<String> nodeId) {
    MBeans m = new MBeans(ManagementFactory.getPlatformMBeanServer());
    m.add(SERVER, new ServerBean(server, nodeId));
    for (Keyspace ks : server.keyspaces()) {
      m.add(shardName(ks.shardIndex()), new ShardBean(ks));
    }
    return m;
  }

  private void add(String name, Object bean) {
    try {
      ObjectName on = new ObjectName(name);
      mbeans.registerMBean(bean, on);
      registered.add(on);
    } catch (InstanceAlreadyExistsException e) {
      log.warn("JMX: {} is already registered in this JVM (another node?); not registering it", name);
    } catch (JMException e) {
      log.warn("JMX: could not register {}: {}", name, e.toString());
    }
  }

  /** Unregisters what this node registered. */
  synchronized void unregister() {
    for (ObjectName on : registered) {
      try {
        mbeans.unregisterMBean(on);
      } catch (JMException e) {
        log.debug("JMX: {} was already gone", on);
      }
    }
    registered.clear();
  }

  /** The Server bean: every attribute is read from INFO's generator at the moment it is asked for. */
  static final class ServerBean implements ServerMXBean {
    private final ServerContext server;
    private final Supplier<String> nodeId;

    ServerBean(ServerContext server, Supplier<String> nodeId) {
      this.server = server;
      this.nodeId = nodeId;
    }

    private long field(String section, String name) {
      return InfoFields.number(InfoFields.of(server, List.of(section)), section, name, 0);
    }

    @Override
    public long getOpsPerSec() {
      return field("stats", "instantaneous_ops_per_sec");
    }

    @Override
    public long getConnectedClients() {
      return field("clients", "connected_clients");
    }

    @Override
    public long getKeys() {
      long keys = 0;
      Map<String, String> keyspace = InfoFields.of(server, List.of("keyspace")).getOrDefault("keyspace", Map.of());
      for (String value : keyspace.values()) {
        String k = InfoFields.subFields(value).get("keys");
        if (k != null) {
          keys += Long.parseLong(k);
        }
      }
      return keys;
    }

    @Override
    public String getNodeId() {
      return nodeId.get();
    }

    @Override
    public long getUsedMemory() {
      return field("memory", "used_memory");
    }

    @Override
    public long getEvictedKeys() {
      return field("stats", "evicted_keys");
    }

    @Override
    public long getKeyspaceHits() {
      return field("stats", "keyspace_hits");
    }

    @Override
    public long getKeyspaceMisses() {
      return field("stats", "keyspace_misses");
    }

    @Override
    public long getCommandsProcessed() {
      return field("stats", "total_commands_processed");
    }
  }

  /** A Shard bean: the shard's own counters and table sizes. */
  static final class ShardBean implements ShardMXBean {
    private final Keyspace keyspace;

    ShardBean(Keyspace keyspace) {
      this.keyspace = keyspace;
    }

    @Override
    public long getKeys() {
      return ShardFigures.of(keyspace).keys();
    }

    @Override
    public long getExpires() {
      return ShardFigures.of(keyspace).expires();
    }

    @Override
    public long getKeyspaceHits() {
      return keyspace.stats().keyspaceHits;
    }

    @Override
    public long getKeyspaceMisses() {
      return keyspace.stats().keyspaceMisses;
    }

    @Override
    public long getExpiredKeys() {
      return keyspace.stats().expiredKeys;
    }
  }
}

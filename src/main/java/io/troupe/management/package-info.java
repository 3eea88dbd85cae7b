/**
 * Operating a node from outside: Pekko Management HTTP (Pekko's {@code /alive}
 * and {@code /ready} health routes, plus Troupe's {@code /troupe/info},
 * {@code /troupe/slots}, {@code /cluster/members} and a Prometheus
 * {@code /metrics}) and JMX MBeans ({@code io.troupe:type=Server},
 * {@code io.troupe:type=Shard,name=N}) in the platform MBeanServer.
 *
 * <p>Redis has no counterpart inside the server; operators scrape INFO with
 * redis_exporter. So every figure here comes from INFO's own generator
 * ({@link io.troupe.admin.InfoSections}) and metric names are
 * redis_exporter's, so dashboards built for it work unchanged; only per-shard
 * figures, which INFO does not have, are read from the shards' counters.
 *
 * <p>Invariants: reads the layers below and never writes them (no routes or
 * operations change the keyspace or the configuration); binds to loopback by
 * default; a management port that cannot be bound is logged and the node
 * keeps serving RESP; start-up runs after the RESP listener is bound and off
 * the actor threads, so it never delays "Ready to accept connections".
 */
package io.troupe.management;

package io.troupe.management;

import static org.apache.pekko.http.javadsl.server.Directives.complete;
import static org.apache.pekko.http.javadsl.server.Directives.concat;
import static org.apache.pekko.http.javadsl.server.Directives.get;
import static org.apache.pekko.http.javadsl.server.Directives.path;
import static org.apache.pekko.http.javadsl.server.Directives.pathPrefix;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.troupe.admin.InfoSections;
import io.troupe.command.ServerContext;
import io.troupe.keyspace.SlotMap;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;
import org.apache.pekko.http.javadsl.model.ContentType;
import org.apache.pekko.http.javadsl.model.ContentTypes;
import org.apache.pekko.http.javadsl.model.HttpCharsets;
import org.apache.pekko.http.javadsl.model.HttpEntities;
import org.apache.pekko.http.javadsl.model.HttpResponse;
import org.apache.pekko.http.javadsl.model.MediaTypes;
import org.apache.pekko.http.javadsl.model.StatusCodes;
import org.apache.pekko.http.javadsl.server.PathMatchers;
import org.apache.pekko.http.javadsl.server.Route;

/**
 * Troupe's HTTP routes, served beside Pekko Management's own (health checks):
 *
 * <ul>
 *   <li>{@code GET /troupe/info}: INFO's default sections as JSON, section →
 *       field → value (values exactly as INFO prints them), plus section
 *       {@code node} with the persisted {@code node_id} (NodeIdentity);
 *       {@code /troupe/info/<section>} for one section (or all/everything/default);</li>
 *   <li>{@code GET /troupe/slots}: each shard's hash-slot ranges and key count;</li>
 *   <li>{@code GET /cluster/members}: Pekko Management's cluster JSON shape
 *       for this single node (see {@link ClusterMembers});</li>
 *   <li>{@code GET /metrics}: Prometheus text, redis_exporter's names
 *       (see {@link PrometheusMetrics}).</li>
 * </ul>
 *
 * Every figure is read when the request arrives.
 */
final class ManagementRoutes {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final ContentType.NonBinary PROMETHEUS = MediaTypes
      .customWithOpenCharset("text", "plain", Map.of("version", "0.0.4"), false)
      .toContentType(HttpCharsets.UTF_8);

  private final ServerContext server;
  private final Supplier<SlotMap> slots;
  private final Supplier<String> nodeId;
  private final String nodeAddress;
  private final long nodeUid;

  ManagementRoutes(ServerContext server, Supplier<SlotMap> slots, Supplier<String> nodeId, String nodeAddress,
      long nodeUid) {
    this.server = server;
    this.slots = slots;
    this.nodeId = nodeId;
    this.nodeAddress = nodeAddress;
    this.nodeUid = nodeUid;
  }

  Route routes() {
    return get(() -> concat(
        pathPrefix("troupe", () -> concat(
            path("info", () -> json(this::info)),
            path(PathMatchers.segment("info").slash(PathMatchers.segment()), this::infoSection),
            path("slots", () -> json(this::slots)))),
        path(PathMatchers.segment("cluster").slash("members"),
            () -> json(() -> ClusterMembers.singleNode(nodeAddress, nodeUid))),
        path("metrics", this::metrics)));
  }

  /** INFO's default sections, then section "node": the persisted node_id (null until known or when off). */
  private Object info() {
    Map<String, Object> out = new LinkedHashMap<>(InfoFields.of(server, List.of()));
    Map<String, String> node = new LinkedHashMap<>();
    node.put("node_id", nodeId.get());
    out.put("node", node);
    return out;
  }

  private Route infoSection(String section) {
    String s = section.toLowerCase(Locale.ROOT);
    if (!InfoSections.SECTIONS.contains(s) && !s.equals("all") && !s.equals("everything") && !s.equals("default")) {
      return complete(HttpResponse.create().withStatus(StatusCodes.NOT_FOUND)
          .withEntity(HttpEntities.create(ContentTypes.APPLICATION_JSON,
              write(Map.of("error", "unknown INFO section: " + section)))));
    }
    return json(() -> InfoFields.of(server, List.of(s)));
  }

  private Object slots() {
    SlotMap map = slots.get();
    List<Object> shards = new ArrayList<>();
    for (SlotRanges.Shard s : SlotRanges.of(map)) {
      Map<String, Object> shard = new LinkedHashMap<>();
      shard.put("shard", s.shard());
      shard.put("slots", s.ranges());
      shard.put("slotCount", s.slotCount());
      long keys = 0;
      if (s.shard() < server.keyspaces().size()) {
        keys = ShardFigures.of(server.keyspaces().get(s.shard())).keys();
      }
      shard.put("keys", keys);
      shards.add(shard);
    }
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("shards", shards);
    return out;
  }

  private Route metrics() {
    String page;
    try {
      page = PrometheusMetrics.render(InfoFields.of(server, List.of()), server.keyspaces(), slots.get(),
          System.currentTimeMillis());
    } catch (RuntimeException e) {
      page = PrometheusMetrics.down();
    }
    return complete(HttpEntities.create(PROMETHEUS, page));
  }

  /** A route answering 200 with {@code body} as JSON, computed per request. */
  private static Route json(Supplier<Object> body) {
    return complete(HttpEntities.create(ContentTypes.APPLICATION_JSON, write(body.get())));
  }

  private static String write(Object value) {
    try {
      return JSON.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }
}

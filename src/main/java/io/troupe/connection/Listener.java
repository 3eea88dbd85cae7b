package io.troupe.connection;

import io.troupe.resp.RespDecoder;
import io.troupe.resp.RespFramingStage;
import java.net.InetSocketAddress;
import java.util.concurrent.CompletionStage;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.stream.Materializer;
import org.apache.pekko.stream.javadsl.Flow;
import org.apache.pekko.stream.javadsl.Sink;
import org.apache.pekko.stream.javadsl.Tcp;
import org.apache.pekko.util.ByteString;

/**
 * Binds the RESP port with Pekko Streams TCP; each accepted connection runs
 * RESP framing → {@link ClientConnection} → the socket, fused in one stream.
 */
public final class Listener {
  private Listener() {}

  /** Binds {@code host:port}; the stage completes when listening, or fails. */
  public static CompletionStage<Tcp.ServerBinding> bind(ActorSystem<?> system, String host, int port,
      ClientConnection.Wiring wiring) {
    Materializer mat = Materializer.matFromSystem(system);
    io.troupe.config.Param maxBulk = wiring.server().config().param("proto-max-bulk-len");
    io.troupe.config.Param qbufLimit = wiring.server().config().param("client-query-buffer-limit");
    return Tcp.get(system).bind(host, port)
        .to(Sink.foreach(conn -> {
          RespDecoder decoder = new RespDecoder(maxBulk::asLong, qbufLimit::asLong);
          Flow<ByteString, ByteString, ?> flow = Flow.<ByteString>create()
              .via(new RespFramingStage(decoder))
              .via(new ClientConnection(wiring, decoder, format(conn.remoteAddress()),
                  format(conn.localAddress())));
          conn.handleWith(flow, mat);
        }))
        .run(mat);
  }

  static String format(InetSocketAddress a) {
    String host = a.getAddress() == null ? a.getHostString() : a.getAddress().getHostAddress();
    return host + ":" + a.getPort();
  }
}

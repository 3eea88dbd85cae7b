package io.troupe.resp;

import org.apache.pekko.stream.Attributes;
import org.apache.pekko.stream.FlowShape;
import org.apache.pekko.stream.Inlet;
import org.apache.pekko.stream.Outlet;
import org.apache.pekko.stream.stage.AbstractInHandler;
import org.apache.pekko.stream.stage.AbstractOutHandler;
import org.apache.pekko.stream.stage.GraphStage;
import org.apache.pekko.stream.stage.GraphStageLogic;
import org.apache.pekko.util.ByteString;

/**
 * The RESP framing stage: network reads in, one {@link RespDecoder.Result}
 * (every command completed by that read) out. It pulls the next read only
 * when the connection asks for more, so a slow consumer back-pressures the
 * socket. After a protocol error or query-buffer overflow it emits that
 * result and completes.
 */
public final class RespFramingStage extends GraphStage<FlowShape<ByteString, RespDecoder.Result>> {
  private final Inlet<ByteString> in = Inlet.create("RespFraming.in");
  private final Outlet<RespDecoder.Result> out = Outlet.create("RespFraming.out");
  private final FlowShape<ByteString, RespDecoder.Result> shape = FlowShape.of(in, out);
  private final RespDecoder decoder;

  /** The decoder is shared with the connection stage, which tells it when the client authenticates. */
  public RespFramingStage(RespDecoder decoder) {
    this.decoder = decoder;
  }

  @Override
  public FlowShape<ByteString, RespDecoder.Result> shape() {
    return shape;
  }

  @Override
  public GraphStageLogic createLogic(Attributes attrs) {
    return new GraphStageLogic(shape) {
      {
        setHandler(in, new AbstractInHandler() {
          @Override
          public void onPush() {
            ByteString chunk = grab(in);
            RespDecoder.Result r = decoder.decode(chunk.asByteBuffer());
            if (r.mustClose()) {
              push(out, r);
              complete(out);
            } else if (r.commands().isEmpty()) {
              pull(in);
            } else {
              push(out, r);
            }
          }
        });
        setHandler(out, new AbstractOutHandler() {
          @Override
          public void onPull() {
            if (!hasBeenPulled(in) && !isClosed(in)) {
              pull(in);
            }
          }
        });
      }
    };
  }
}

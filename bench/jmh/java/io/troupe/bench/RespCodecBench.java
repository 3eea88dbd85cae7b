package io.troupe.bench;

import io.troupe.resp.Reply;
import io.troupe.resp.RespDecoder;
import io.troupe.resp.RespWriter;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The RESP codec on one read as redis-benchmark -P N sends it: N commands
 * decoded from one buffer ({@link RespDecoder}), and N replies encoded into
 * one chunk ({@link RespWriter}). Times are per read of N commands.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class RespCodecBench {
  @Param({"1", "16"})
  int pipeline;

  private byte[] gets;
  private byte[] sets;
  private RespDecoder decoder;
  private Reply[] bulkReplies;
  private RespWriter writer;

  @Setup
  public void setup() {
    StringBuilder g = new StringBuilder();
    StringBuilder s = new StringBuilder();
    String value = "x".repeat(32);
    for (int i = 0; i < pipeline; i++) {
      String key = String.format("key:%012d", i);
      g.append("*2\r\n$3\r\nGET\r\n$16\r\n").append(key).append("\r\n");
      s.append("*3\r\n$3\r\nSET\r\n$16\r\n").append(key).append("\r\n$32\r\n").append(value).append("\r\n");
    }
    gets = g.toString().getBytes(StandardCharsets.US_ASCII);
    sets = s.toString().getBytes(StandardCharsets.US_ASCII);
    decoder = new RespDecoder(512L * 1024 * 1024, 1024L * 1024 * 1024);
    decoder.setAuthenticated(true);
    bulkReplies = new Reply[pipeline];
    for (int i = 0; i < pipeline; i++) {
      bulkReplies[i] = Reply.bulk(value.getBytes(StandardCharsets.US_ASCII));
    }
    writer = new RespWriter();
  }

  /** Decodes a read of {@code pipeline} GETs. */
  @Benchmark
  public RespDecoder.Result decodeGets() {
    return decoder.decode(ByteBuffer.wrap(gets));
  }

  /** Decodes a read of {@code pipeline} SETs with 32-byte values. */
  @Benchmark
  public RespDecoder.Result decodeSets() {
    return decoder.decode(ByteBuffer.wrap(sets));
  }

  /** Encodes {@code pipeline} 32-byte bulk replies into one chunk (RESP2). */
  @Benchmark
  public byte[] encodeBulks() {
    for (Reply r : bulkReplies) {
      writer.write(r, 2);
    }
    return writer.drain();
  }

  /** Encodes {@code pipeline} +OK replies into one chunk (RESP2). */
  @Benchmark
  public byte[] encodeOks() {
    for (int i = 0; i < pipeline; i++) {
      writer.write(Reply.OK, 2);
    }
    return writer.drain();
  }
}

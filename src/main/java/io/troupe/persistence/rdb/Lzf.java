package io.troupe.persistence.rdb;

import com.ning.compress.lzf.ChunkDecoder;
import com.ning.compress.lzf.LZFException;
import com.ning.compress.lzf.impl.VanillaChunkEncoder;
import com.ning.compress.lzf.util.ChunkDecoderFactory;

/**
 * LZF as Redis stores compressed strings in RDB (liblzf's raw block format, no
 * framing), through compress-lzf's block encoder and decoder. The encoder's
 * hash table (64 KiB) is kept per thread, so a DUMP does not allocate one;
 * the decoder holds no state.
 */
final class Lzf {
  /** compress-lzf's encoder, opened up for its raw-block method. */
  private static final class RawEncoder extends VanillaChunkEncoder {
    RawEncoder() {
      super(0xFFFF);
    }

    int compress(byte[] in, int len, byte[] out) {
      return tryCompress(in, 0, len, out, 0);
    }
  }

  private static final ThreadLocal<RawEncoder> ENCODER = ThreadLocal.withInitial(RawEncoder::new);
  private static final ChunkDecoder DECODER = ChunkDecoderFactory.safeInstance();

  private Lzf() {}

  /**
   * The compressed form of {@code s} when it saves at least 4 bytes, as
   * Redis's rdbSaveLzfStringObject decides (it only tries strings longer
   * than 20 bytes); null otherwise.
   */
  static byte[] compress(byte[] s) {
    if (s.length < 16) { // the encoder needs a few bytes of input; Redis only tries > 20
      return null;
    }
    // Worst case of LZF output is len + len/32 + 1; leave slack for the encoder's tail handling.
    byte[] out = new byte[s.length + (s.length >> 5) + 16];
    int n = ENCODER.get().compress(s, s.length, out);
    if (n <= 0 || n > s.length - 4) {
      return null;
    }
    return java.util.Arrays.copyOf(out, n);
  }

  /** Decompresses a raw LZF block that must expand to exactly {@code length} bytes. */
  static byte[] decompress(byte[] in, int length) throws RdbException {
    byte[] out = new byte[length];
    try {
      DECODER.decodeChunk(in, 0, out, 0, length);
    } catch (LZFException | ArrayIndexOutOfBoundsException e) {
      throw new RdbException("Invalid LZF compressed string: " + e.getMessage());
    }
    return out;
  }
}

package io.troupe.replication;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

class BacklogTest {

  @Test
  void emptyBacklogStartsAfterItsOffset() {
    Backlog b = new Backlog(16, 100);
    assertEquals(100, b.endOffset());
    assertEquals(101, b.firstByteOffset());
    assertEquals(0, b.histlen());
    assertTrue(b.covers(101));
    assertFalse(b.covers(100));
    assertFalse(b.covers(102));
    assertEquals(0, b.from(101).length);
  }

  @Test
  void wrapsAndKeepsTheNewestBytes() {
    Random rnd = new Random(7);
    ByteArrayOutputStream all = new ByteArrayOutputStream();
    Backlog b = new Backlog(64, 0);
    for (int i = 0; i < 200; i++) {
      byte[] chunk = new byte[rnd.nextInt(30) + (i % 17 == 0 ? 70 : 0)];
      rnd.nextBytes(chunk);
      b.append(chunk);
      all.write(chunk, 0, chunk.length);
      byte[] stream = all.toByteArray();
      assertEquals(stream.length, b.endOffset());
      assertEquals(Math.min(64, stream.length), b.histlen());
      long first = b.firstByteOffset();
      for (long off = first; off <= b.endOffset() + 1; off += 5) {
        assertArrayEquals(Arrays.copyOfRange(stream, (int) off - 1, stream.length), b.from(off), "offset " + off);
      }
      assertFalse(b.covers(first - 1));
    }
  }

  @Test
  void resizeKeepsWhatFits() {
    Backlog b = new Backlog(10, 0);
    b.append("0123456789abcdef".getBytes());
    b.resize(4);
    assertEquals(16, b.endOffset());
    assertEquals(4, b.histlen());
    assertArrayEquals("cdef".getBytes(), b.from(13));
    b.resize(32);
    b.append("gh".getBytes());
    assertArrayEquals("cdefgh".getBytes(), b.from(13));
  }
}

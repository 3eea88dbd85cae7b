package io.troupe.persistence.aof;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The manifest format as redis-server 7.0.15 writes and reads it. */
class AofManifestTest {
  private static AofManifest parse(String s) throws AofException {
    return AofManifest.parse(s.getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void redisManifestRoundTrips() throws Exception {
    String redis = "file appendonly.aof.2.base.rdb seq 2 type b\nfile appendonly.aof.2.incr.aof seq 2 type i\n";
    AofManifest m = parse(redis);
    assertEquals("appendonly.aof.2.base.rdb", m.base().name());
    assertEquals(2, m.lastIncrSeq());
    assertEquals(redis, m.format());
  }

  @Test
  void keysInAnyOrderCommentsAndHistory() throws Exception {
    AofManifest m = parse("# a comment\ntype b seq 1 file a.1.base.aof\nfile a.1.incr.aof seq 1 type h\n"
        + "file a.2.incr.aof seq 2 type i\nfile a.3.incr.aof seq 3 type i\n");
    assertEquals(AofManifest.Type.BASE, m.base().type());
    assertEquals(1, m.history().size());
    assertEquals(List.of("a.2.incr.aof", "a.3.incr.aof"), m.incrs().stream().map(AofManifest.AofFile::name).toList());
  }

  @Test
  void namesFollowRedis() {
    assertEquals("appendonly.aof.1.base.rdb", AofManifest.baseName("appendonly.aof", 1, true));
    assertEquals("appendonly.aof.1.base.aof", AofManifest.baseName("appendonly.aof", 1, false));
    assertEquals("appendonly.aof.7.incr.aof", AofManifest.incrName("appendonly.aof", 7));
    assertEquals("appendonly.aof.manifest", AofManifest.manifestName("appendonly.aof"));
  }

  @Test
  void badManifestsAreRefused() {
    assertEquals("Invalid AOF manifest file format",
        assertThrows(AofException.class, () -> parse("file x seq\n")).getMessage());
    assertEquals("Invalid AOF manifest file format",
        assertThrows(AofException.class, () -> parse("file x seq 1\n")).getMessage());
    assertEquals("Found duplicate base file information", assertThrows(AofException.class,
        () -> parse("file a seq 1 type b\nfile b seq 2 type b\n")).getMessage());
    assertEquals("Found a non-monotonic sequence number", assertThrows(AofException.class,
        () -> parse("file a seq 2 type i\nfile b seq 1 type i\n")).getMessage());
    assertEquals("Found an empty AOF manifest", assertThrows(AofException.class, () -> parse("\n")).getMessage());
  }
}

package dstutor.kit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class HashingTest {
  @Test
  void matchesTheReferenceMurmur3Vector() {
    // Guava's murmur3_128 of this sentence is 6c1b07bc7bbc4be347939ac4a93c437a (little-endian).
    byte[] fox = "The quick brown fox jumps over the lazy dog".getBytes(StandardCharsets.UTF_8);
    assertArrayEquals(
        new long[] {0xe34bbc7bbc071b6cL, 0x7a433ca9c49a9347L}, Hashing.murmur3(fox, 0));
  }

  @Test
  void emptyInputWithSeedZeroHashesToZero() {
    assertArrayEquals(new long[] {0L, 0L}, Hashing.murmur3(new byte[0], 0));
  }

  @Test
  void seedChangesTheHash() {
    assertEquals(Hashing.hash64("k"), Hashing.hash64("k", 0));
    assertNotEquals(Hashing.hash64("k", 0), Hashing.hash64("k", 1));
  }
}

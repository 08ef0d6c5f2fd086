package dstutor.exercises;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dstutor.course.Exercise;
import dstutor.grade.Because;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The checksum hidden suite judged where its verdicts are easiest to get wrong: the spy and
 * InOrder check of "verifies on every read" names what the store did during the read, pins only
 * that both files are read (not their order), and the chunk a damaged block must name comes from
 * the suite's model. The suite runs in this JVM, compiled in memory with the reference or a
 * variant, one test method at a time.
 */
class ChecksumSuiteTest {

  @Test
  void aStoreServingFromMemoryIsToldItMadeNoDiskCall() throws Exception {
    Throwable t = run("wrong/serves-write-cache", "everyReadVerifies");
    assertEquals("verify-every-read", Because.hintOf(t));
    assertTrue(t.getMessage().contains("during read number 1 the store made no call to the disk"
        + " at all, and never read blk_1073741825.data"), t.getMessage());
  }

  @Test
  void checksumsKeptInMemoryAreCaughtByTheInOrderCheckOfTheCrcFile() throws Exception {
    Throwable t = run("wrong/checksums-from-memory", "everyReadVerifies");
    assertEquals("verify-every-read", Because.hintOf(t));
    assertTrue(t.getMessage().contains("the store made these calls to the disk:"
        + " read(\"blk_1073741825.data\"), and never read blk_1073741825.crc"), t.getMessage());
  }

  @Test
  void theOrderInWhichAStoreReadsItsTwoFilesIsFree() throws Exception {
    // This correct variant reads the .crc file before the .data file.
    assertNull(run("right/bytebuffer-lengths-first-reverse-order", "everyReadVerifies"));
  }

  @Test
  void aReadThatRewritesTheChecksumIsTold() throws Exception {
    Throwable t = run("wrong/heals-checksum-on-mismatch", "everyDataFlipIsDetected");
    assertTrue(t.getMessage().contains("your read changed them"), t.getMessage());
  }

  @Test
  void aStoreThatCannotReadTheFormatIsToldAboutTheFormatNotAboutDamage() throws Exception {
    Throwable t = run("wrong/whole-block-crc", "damageToBothFilesIsDetected");
    assertEquals("chunk-checksums", Because.hintOf(t));
    assertTrue(t.getMessage().contains("before any damage"), t.getMessage());
  }

  @Test
  void theChunkExpectedIsTheLowestOfTheDamagedChunksTheMessageLists() throws Exception {
    Throwable t = run("wrong/names-last-bad-chunk", "damageToBothFilesIsDetected");
    String m = t.getMessage();
    Matcher named = Pattern.compile("naming chunk (\\d+); expected chunk (\\d+), the lowest")
        .matcher(m);
    assertTrue(named.find(), m);
    int lowest = Integer.MAX_VALUE;
    Matcher flipped = Pattern.compile("flipped \\(chunk (\\d+)\\)").matcher(m);
    while (flipped.find()) {
      lowest = Math.min(lowest, Integer.parseInt(flipped.group(1)));
    }
    // Each flip of this run changes its chunk (at most a few bits per chunk, which CRC-32C
    // always catches), so the lowest damaged chunk is the one to name.
    assertEquals(lowest, Integer.parseInt(named.group(2)), m);
    assertTrue(Integer.parseInt(named.group(1)) > lowest, m);
  }

  /** Runs one test method of the suite on variant {@code variant} (null: the reference). */
  private static Throwable run(String variant, String test) throws Exception {
    Exercise e = Shipped.exercise("checksum");
    Class<?> suite = Shipped.suite(e, Shipped.learnerTexts(e, variant));
    Constructor<?> c = suite.getDeclaredConstructor();
    c.setAccessible(true);
    Object instance = c.newInstance();
    Method m = suite.getDeclaredMethod(test);
    m.setAccessible(true);
    try {
      m.invoke(instance);
      return null;
    } catch (InvocationTargetException ex) {
      return ex.getCause();
    }
  }
}

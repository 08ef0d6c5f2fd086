package dstutor.exercises;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dstutor.grade.Because;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The kafka-partition-log hidden suite's messages: the index rule, the fetch limit and retention
 * shown with the model's own arithmetic, and the rung each cause names. The suite runs in this
 * JVM, compiled in memory with the reference or a variant, one test method at a time.
 */
class KafkaPartitionLogSuiteTest {
  private static final String ID = "kafka-partition-log";
  private static final String FILE = "KafkaPartitionLog.java";

  @Test
  void anIndexEntryAtTheIntervalIsShownWithKafkasRule() throws Exception {
    Because b = failure("wrong/index-at-interval", "recordsFetchBackAcrossSegments");
    assertEquals("index-rule", b.hint());
    // The brief's example: after two 30-byte records the count is 30, not > 30: no entry yet.
    assertTrue(b.getMessage().startsWith("new KafkaPartitionLog(disk, 100, 30) after 2 appends"
        + " (offsets 0 to 1): after append(1005, 10 bytes) as offset 1, 00000000000000000000.index"
        + " holds the entries (relative offset, position) (1, 30); Kafka's rule gives none"),
        b.getMessage());
    assertTrue(b.getMessage().contains("Before offset 1, 30 bytes had gone in since the last"
        + " entry, not > indexIntervalBytes = 30: no entry."), b.getMessage());
  }

  @Test
  void aFetchThatStopsShortOfAnExactLimitShowsTheSizes() throws Exception {
    Because b = failure("wrong/fetch-limit-exclusive", "fetchReturnsAsManyRecordsAsFit");
    assertEquals("fetch-limit", b.hint());
    assertTrue(b.getMessage().contains("The records from 0 take 30 + 20"), b.getMessage());
    assertTrue(b.getMessage().contains("the first record always, then each next one while the"
        + " total stays <="), b.getMessage());
  }

  @Test
  void aFetchIntoTheNextSegmentIsNamed() throws Exception {
    Because b = failure("wrong/fetch-crosses-segments", "recordsFetchBackAcrossSegments");
    assertEquals("fetch-limit", b.hint());
    assertTrue(b.getMessage().contains("fetch(1, 1000) returned offsets 1 to 3; expected"
        + " offsets 1, 2."), b.getMessage());
    assertTrue(b.getMessage().contains("a fetch never continues into the next segment"),
        b.getMessage());
  }

  @Test
  void retentionByTheLastTimestampIsCaught() throws Exception {
    Because b = failure("wrong/retention-last-timestamp", "retentionDeletesExpiredSegmentsWhole");
    assertEquals("time-retention", b.hint());
    // The brief's example: segment 0's timestamps are 1000, 1005, 900; its age is 2005 - 1005.
    assertTrue(b.getMessage().startsWith("new KafkaPartitionLog(disk, 100, 30) after 4 appends"
        + " (offsets 0 to 3): deleteExpiredSegments(2005, 1000) on segments 0 (largest timestamp"
        + " 1005), 3 (active, largest timestamp 1010) returned 1; expected 0."), b.getMessage());
  }

  @Test
  void aScanFromTheSegmentStartIsCaughtByTheBytesItReads() throws Exception {
    Because b = failure("wrong/linear-scan", "fetchesUseTheIndex");
    assertEquals("index-lookup", b.hint());
    assertTrue(b.getMessage().contains("with an index entry every 4,096 bytes at most"),
        b.getMessage());
    assertTrue(b.getMessage().contains("step with 12-byte headers"), b.getMessage());
  }

  @Test
  void theUntouchedStubStillSaysWhatIsNotImplemented() throws Exception {
    Class<?> suite = compile(Files.readString(
        Path.of("exercises/systems/kafka/kafka-partition-log").resolve(FILE)));
    for (String test : List.of("recordsFetchBackAcrossSegments", "argumentsAreChecked")) {
      Throwable t = Shipped.invoke(suite, test);
      while (t != null && !(t instanceof UnsupportedOperationException)) {
        t = t.getCause();
      }
      assertInstanceOf(UnsupportedOperationException.class, t, test);
      assertTrue(t.getMessage().contains("TODO"), test);
    }
  }

  @Test
  void theReferenceAndTheRightVariantPassEveryProperty() throws Exception {
    for (String variant : new String[] {null, "right/index-file-search-one-read"}) {
      Class<?> suite = compile(learner(variant));
      for (Method m : suite.getDeclaredMethods()) {
        if (m.isAnnotationPresent(Test.class)) {
          assertNull(Shipped.invoke(suite, m.getName()), variant + ": " + m.getName());
        }
      }
    }
  }

  // ---------------------------------------------------------------------------------------------

  private static Because failure(String variant, String test) throws Exception {
    Throwable t = Shipped.invoke(compile(learner(variant)), test);
    for (Throwable c = t; c != null; c = c.getCause()) {
      if (c instanceof Because b) {
        return b;
      }
    }
    throw new AssertionError(variant + " did not fail " + test + " with a hint: " + t, t);
  }

  private static String learner(String variant) throws Exception {
    return Shipped.learnerTexts(Shipped.exercise(ID), variant).get(FILE);
  }

  private static Class<?> compile(String log) throws Exception {
    return Shipped.suite(Shipped.exercise(ID), Map.of(FILE, log));
  }
}
